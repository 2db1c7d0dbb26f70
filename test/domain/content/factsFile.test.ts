import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS_FILE } from '../../../src/domain/content/contentChecker.js';

const faqFiles = ['fr', 'en', 'ar'].flatMap((lng) => readdirSync(join('locales', lng, 'faq')).map((f) => join('locales', lng, 'faq', f)));

describe('locales/FACTS.md', () => {
  it('ships the facts list with its sources inside the project', () => {
    expect(FACTS_FILE).toBe('locales/FACTS.md');
    const facts = readFileSync(FACTS_FILE, 'utf8');
    expect(facts).toContain('# Facts for the content');
    expect(facts).toContain('## Sources');
    expect(facts).toContain('Casablanca, Rabat and Oujda');
  });

  it("keeps the team's list word for word when that copy is present", () => {
    const shared = '../shared/facts.md';
    if (!existsSync(shared)) return;
    expect(readFileSync(FACTS_FILE, 'utf8')).toContain(readFileSync(shared, 'utf8').trim());
  });

  it('is where every FAQ file header sends staff, and no content file points outside the project', () => {
    expect(faqFiles.length).toBeGreaterThan(0);
    for (const file of faqFiles) {
      const text = readFileSync(file, 'utf8');
      const header = text.split('\n').filter((line, i, lines) => line.startsWith('#') && lines.slice(0, i).every((l) => l.startsWith('#'))).join('\n');
      expect(header, file).toContain('locales/FACTS.md');
      expect(text, file).not.toMatch(/\/work\/|\.\.\/shared/);
    }
  });
});
