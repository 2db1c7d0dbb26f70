import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisAppointmentStore } from '../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisAuditLog } from '../../src/stores/redis/redisStaffStore.js';
import { launchChromium } from '../helpers/chromium.js';
import { startApp, type AppProcess } from '../helpers/appProcess.js';
import { addStaff } from '../helpers/consoleClient.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

const PASSWORD = 'correct horse battery';

let app: AppProcess;
let browser: Browser;
let redis: Redis;
let prefix: string;

beforeAll(async () => {
  prefix = uniquePrefix('cbk');
  redis = new Redis(inject('redisUrl'));
  await addStaff(redis, prefix, [{ username: 'chef', password: PASSWORD, role: 'admin' }]);
  app = await startApp({ REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix, HANDOFF_OFFICE_HOURS: '' });
  browser = await launchChromium();
}, afterAppStarts(1, 30_000));

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  redis?.disconnect();
});

/** Does `act` in the web chat and waits for a new bot bubble (after the ones already there) matching `pattern`. */
async function turn(page: Page, act: () => Promise<void>, pattern: RegExp) {
  const before = await page.locator('.msg.bot').count();
  await act();
  await page.waitForFunction(
    ([source, n]) => [...document.querySelectorAll('.msg.bot')].slice(n as number).some((el) => new RegExp(source as string).test(el.textContent ?? '')),
    [pattern.source, before] as const,
    { timeout: 20_000 },
  );
}

const type = (page: Page, text: string) => async () => {
  await page.fill('#input', text);
  await page.click('#send');
};
const tapFirst = (page: Page) => () => page.locator('.actions button').first().click();

/** Books at the Rabat point through the web chat page: first free day and time, with pre-registration answers. */
async function bookThroughChat(page: Page, name: string, medical: 'yes' | 'no') {
  await page.goto(app.url);
  await page.waitForSelector('.msg.bot', { timeout: 15_000 });
  await turn(page, type(page, 'intent.book'), /point d'orientation/);
  await turn(page, type(page, 'rabat'), /Quel jour/);
  await turn(page, tapFirst(page), /quelle heure/);
  await turn(page, tapFirst(page), /prénom/);
  await turn(page, type(page, name), /nationalité/);
  await turn(page, type(page, 'book:nationality:GN'), /téléphone/);
  await turn(page, type(page, '06 12 34 56 78'), /accord/);
  await turn(page, type(page, 'book:consent:yes'), /adultes/);
  await turn(page, type(page, '2'), /enfants/);
  await turn(page, type(page, 'book:skip'), /passeport/);
  await turn(page, type(page, 'book:document:other_id'), /médical urgent/);
  await turn(page, type(page, `book:medical:${medical}`), /Je confirme/);
  await turn(page, type(page, 'book:confirm'), /Référence/);
}

async function signIn(page: Page) {
  await page.goto(`${app.url}/console`);
  await page.fill('#username', 'chef');
  await page.fill('#password', PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#bk-tab:not([hidden])');
}

/** Opens the appointments view on a point and day. */
async function openDay(page: Page, point: string, date: string) {
  await page.click('#bk-tab');
  await page.waitForSelector('#bookings:not([hidden]) #bk-point option[value="rabat"]', { state: 'attached' });
  await page.selectOption('#bk-point', point);
  await page.fill('#bk-date', date);
  await page.click('#bk-form button[type=submit]');
}

describe('appointments in the staff console, in Chromium', { timeout: 180_000 }, () => {
  it('staff see bookings made in the chat with their answers, mark one attended, cancel another (the person is told), and see the no-show rate', async () => {
    const awa = await browser.newPage({ locale: 'fr-FR' });
    const fatou = await browser.newPage({ locale: 'fr-FR' });
    await bookThroughChat(awa, 'Awa', 'yes');
    await bookThroughChat(fatou, 'Fatou', 'no');
    const bookings = await new RedisAppointmentStore(redis, redisKeys(prefix)).between(Date.now(), Date.now() + 60 * 86_400_000);
    const awaRef = bookings.find((b) => b.firstName === 'Awa')!.ref;
    const fatouRef = bookings.find((b) => b.firstName === 'Fatou')!.ref;
    const date = bookings.find((b) => b.ref === awaRef)!.date;

    const staff = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    await signIn(staff);
    await openDay(staff, 'rabat', date);
    const awaItem = staff.locator(`#bk-list li[data-ref="${awaRef}"]`);
    await awaItem.waitFor();
    expect(await awaItem.textContent()).toMatch(/Awa \(GN\)/);
    expect(await awaItem.textContent()).toContain('2 adulte(s)');
    expect(await awaItem.textContent()).toContain("autre pièce d'identité");
    expect(await awaItem.locator('.bk-pre.urgent').textContent()).toContain('besoin médical urgent');
    expect(await awaItem.textContent()).toContain('+212612345678');
    expect(await staff.locator('#bk-slots li').first().textContent()).toMatch(/^\d{2}:\d{2} : \d\/\d réservées/);
    expect(await staff.getAttribute('#bk-export', 'href')).toBe(`/console/api/bookings.csv?point=rabat&from=${date.slice(0, 8)}01&to=${date.slice(0, 8)}${String(new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate())}`);

    await awaItem.locator('button.bk-attended').click();
    await staff.waitForSelector(`#bk-list li.attended[data-ref="${awaRef}"]`);

    staff.once('dialog', (dialog) => void dialog.accept());
    const fatouItem = staff.locator(`#bk-list li[data-ref="${fatouRef}"]`);
    await turn(fatou, () => fatouItem.locator('button.bk-cancelled').click(), /L'équipe a dû annuler votre rendez-vous/);
    await staff.waitForSelector(`#bk-list li.cancelled[data-ref="${fatouRef}"]`);
    // The notice follows the reload of all three panes, so the cancelled row can show first.
    await staff.waitForFunction((text) => (document.querySelector('#bk-notice')?.textContent ?? '').includes(text), `Rendez-vous ${fatouRef} annulé`);
    expect(await staff.textContent('#bk-notice')).toContain(`Rendez-vous ${fatouRef} annulé`);

    await staff.waitForFunction(() => /0 % d'absence \(0 absent\(s\) sur 1 noté\(s\)\)/.test(document.querySelector('#bk-noshows')?.textContent ?? ''));

    // Every view and action is in the audit log, with ids and dates only.
    const audit = await new RedisAuditLog(redis, redisKeys(prefix)).list(0, Date.now() + 1000);
    const actions = audit.filter((e) => e.actor === 'chef').map((e) => [e.action, e.ticketId ?? e.detail]);
    expect(actions).toEqual(expect.arrayContaining([
      ['view_bookings', `rabat ${date}`],
      ['view_slots', `rabat ${date}`],
      ['booking_attended', awaRef],
      ['booking_cancelled', fatouRef],
    ]));
    expect(JSON.stringify(audit)).not.toMatch(/Awa|Fatou|612345678/);
    await Promise.all([awa.close(), fatou.close(), staff.close()]);
  });

  it('shows the day asked for when the answers for a day asked before come back last', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    // Marks each answer the page has parsed: its panes are drawn in the same run of promise callbacks.
    await page.addInitScript(() => {
      const parsed: string[] = [];
      (window as unknown as { parsed: string[] }).parsed = parsed;
      const json = Response.prototype.json;
      Response.prototype.json = function (this: Response) {
        return json.call(this).then((data: unknown) => (parsed.push(this.url), data));
      };
    });
    const [booking] = await new RedisAppointmentStore(redis, redisKeys(prefix)).between(Date.now(), Date.now() + 60 * 86_400_000);
    const asked = booking!.date;
    // A day four weeks on, with none of the bookings above: its list is another than the booked day's.
    const before = new Date(Date.parse(`${asked}T00:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const isStale = (url: URL) => url.pathname === '/console/api/bookings' && url.searchParams.get('date') === before;
    let held = 0;
    let heldOne!: () => void;
    const holding = new Promise<void>((resolve) => (heldOne = resolve));
    await page.route(isStale, async (route) => {
      held++;
      heldOne();
      await released;
      await route.continue();
    });
    await signIn(page);
    await openDay(page, 'rabat', before);
    await holding;
    // The staff member changes the day while the first day's bookings are still on their way.
    await page.fill('#bk-date', asked);
    await page.click('#bk-form button[type=submit]');
    await page.locator(`#bk-list li[data-ref="${booking!.ref}"]`).waitFor();
    release();
    // Every answer for the earlier day (the date field and the form each asked) has been drawn, or dropped.
    await page.waitForFunction(([day, n]) => (window as unknown as { parsed: string[] }).parsed.filter((u) => u.includes('/bookings?') && u.includes(`date=${day}`)).length === n, [before, held] as const);
    expect(await page.inputValue('#bk-date')).toBe(asked);
    expect(await page.locator(`#bk-list li[data-ref="${booking!.ref}"]`).count()).toBe(1);
    await page.close();
  });

  it('is usable on a phone: no sideways scrolling, actions within reach, in English too', async () => {
    const phone = await browser.newPage({ locale: 'en-GB', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(phone);
    await phone.selectOption('#lang', 'en');
    const [booking] = await new RedisAppointmentStore(redis, redisKeys(prefix)).between(Date.now(), Date.now() + 60 * 86_400_000);
    await openDay(phone, 'rabat', booking!.date);
    await phone.waitForSelector('#bk-list li.bk-item');
    expect(await phone.textContent('#bk-tab')).toContain('Conversations');
    expect(await phone.textContent('#bookings h2')).toBe('Appointments of the day');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The first booking shown may be the one cancelled or marked above, whose actions are gone: the first action on screen.
    const box = await phone.locator('#bk-list li.bk-item button:visible').first().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    expect(box!.height).toBeGreaterThanOrEqual(28);
    // Back to the queue, and the view goes away on sign-out.
    await phone.click('#bk-tab');
    await phone.waitForSelector('#desk:not([hidden])');
    await phone.click('#logout');
    await phone.waitForSelector('#login:not([hidden])');
    expect(await phone.isHidden('#bk-tab')).toBe(true);
    expect(await phone.isHidden('#bookings')).toBe(true);
    await phone.close();
  });
});
