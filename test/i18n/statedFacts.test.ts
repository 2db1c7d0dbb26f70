import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppointmentService } from '../../src/domain/appointments/appointmentService.js';
import { loadOrientationPoints } from '../../src/domain/appointments/orientationPointsLoader.js';
import { fixedOrientationPoints } from '../../src/domain/appointments/orientationPointsStore.js';
import { UNVERIFIABLE_DETAILS } from '../../src/domain/content/contentChecker.js';
import { loadContent } from '../../src/domain/content/contentLoader.js';
import { createUnderstander } from '../../src/domain/nlu/hybridUnderstander.js';
import { MemoryAppointmentStore } from '../../src/stores/memory/memoryAppointmentStore.js';
import { manualClock } from '../helpers/appointments.js';
import { dialogHarness, fixedContent } from '../helpers/dialogHarness.js';

// locales/FACTS.md (the team's ../shared/facts.md) gives no address, phone number or opening hours of any point.
const STREET = /\b(?:rue|avenue|av\.|boulevard|bd|street|road|quartier|immeuble)\s+\p{L}/iu;
const ARABIC_STREET = /(?:شارع|زنقة|حي|عمارة)\s+\p{L}/u;
const STATED = [...UNVERIFIABLE_DETAILS.map((d) => ({ kind: d.kind, pattern: d.pattern })), { kind: 'an address', pattern: STREET }, { kind: 'an address', pattern: ARABIC_STREET }];

function stated(text: string): string[] {
  return STATED.filter((d) => d.pattern.test(text)).map((d) => d.kind);
}

function strings(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

let loaded: ReturnType<typeof loadContent>;
let understander: ReturnType<typeof createUnderstander>;
beforeAll(() => {
  loaded = loadContent('locales');
  understander = createUnderstander(loaded.snapshot!, { matcher: { defaultLanguage: 'fr' } });
});

describe('facts stated to users', () => {
  it('FACTS.md gives no opening hours nor address, so the shipped hours stay marked as placeholders and no address ships', () => {
    const facts = readFileSync('locales/FACTS.md', 'utf8');
    expect(facts).toMatch(/Anything not here \(addresses,\s+phone numbers, opening hours/);
    expect(facts).not.toMatch(UNVERIFIABLE_DETAILS.find((d) => d.kind === 'opening hours')!.pattern);
    const { config } = loadOrientationPoints('locales/orientation-points.yaml');
    expect(config?.settings.placeholderHours).toBe(true);
    expect(config?.points.map((p) => p.address)).toEqual(config?.points.map(() => undefined));
    for (const text of Object.values(config!.settings.whatToBring)) expect(stated(text), text).toEqual([]);
  });

  it('no interface string in fr, en or ar states hours, an address, a phone number, an amount or an e-mail address', () => {
    const checked = ['fr', 'en', 'ar'].flatMap((lang) =>
      readdirSync(join('locales', lang))
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => strings(JSON.parse(readFileSync(join('locales', lang, f), 'utf8')), `${lang}/${f}`)),
    );
    expect(checked.length).toBeGreaterThan(300);
    // askPhone shows the format of the person's own number (06 12 34 56 78), not a number to call.
    const formatExample = (path: string) => path.endsWith('booking.json.booking.askPhone');
    expect(checked.filter(([path, text]) => !formatExample(path) && stated(text).length > 0)).toEqual([]);
    expect(checked.filter(([path]) => formatExample(path))).toHaveLength(3);
  });

  it.each([
    ['fr', ['bonjour', 'quels sont les horaires d’ouverture du bureau de Rabat ?', 'où se trouve votre bureau à Casablanca ? donnez moi l’adresse', 'à quelle heure ouvrez-vous le lundi ?']],
    ['en', ['hello', 'what are your opening hours in Oujda?', 'what is the address of the office in Rabat?', 'what time do you open on Monday?']],
    ['ar', ['مرحبا', 'ما هي ساعات العمل في مكتب الرباط؟', 'ما هو عنوان مكتب الدار البيضاء؟', 'متى تفتحون يوم الاثنين؟']],
  ])('questions about hours and addresses get no invented hours or address (%s)', async (_lang, turns) => {
    const clock = manualClock();
    const appointments = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(loadOrientationPoints('locales/orientation-points.yaml').config!), now: clock.now });
    const { adapter } = await dialogHarness({ understander, content: fixedContent([...loaded.snapshot!.faq]), appointments });
    const replies: Partial<Activity>[] = [];
    for (const turn of turns) {
      const before = adapter.activeQueue.length;
      await adapter.receiveActivity(turn);
      replies.push(...adapter.activeQueue.splice(before));
    }
    expect(replies.length).toBeGreaterThanOrEqual(turns.length);
    for (const reply of replies) {
      const text = [reply.text ?? '', ...(reply.suggestedActions?.actions ?? []).map((a) => a.title ?? '')].join('\n');
      expect(stated(text), text).toEqual([]);
    }
  });
});
