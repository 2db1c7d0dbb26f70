import { describe, expect, it } from 'vitest';
import { RUN_ON_FROM, RUN_ON_UP_TO, RunOnSplitter } from '../../../src/domain/safety/runOnSplitter.js';

/** A small corpus, tokenised: the splitter learns its words and their counts from it. */
const CORPUS = [
  'my dad is on the floor and he is shaking',
  'his eyes are rolled back what do i do',
  'mon voisin est par terre il bouge plus',
  'je prends rendez vous pour l orientation',
  'the flight is on monday',
].map((text) => text.split(' '));

describe('RunOnSplitter: words typed without spaces (issue 9)', () => {
  const splitter = new RunOnSplitter(RunOnSplitter.countWords(CORPUS), ['qqmarkqqqqqqqqqqqqqqqqqqq']);

  it('counts every occurrence of a word', () => {
    const counts = new Map(RunOnSplitter.countWords(CORPUS));
    expect(counts.get('is')).toBe(3);
    expect(counts.get('floor')).toBe(1);
  });

  it('splits a long run-on word into the corpus words, in order', () => {
    expect(splitter.split('mydadisshakingonthefloorwhatdoido')).toEqual(['my', 'dad', 'is', 'shaking', 'on', 'the', 'floor', 'what', 'do', 'i', 'do']);
    expect(splitter.splitAll(['monvoisinestparterreilbougeplus', 'vite'])).toEqual(['mon', 'voisin', 'est', 'par', 'terre', 'il', 'bouge', 'plus', 'vite']);
  });

  it('leaves alone short words, words it cannot cover, words with digits and the caller’s markers', () => {
    const short = 'x'.repeat(RUN_ON_FROM - 1);
    expect(splitter.splitAll(['thefloorison', short])).toEqual(['thefloorison', short]);
    expect(splitter.splitAll(['mydadisshakingonthefloorzzz'])).toEqual(['mydadisshakingonthefloorzzz']);
    expect(splitter.splitAll(['mydadisshakingonthefloor2x'])).toEqual(['mydadisshakingonthefloor2x']);
    const tokens = ['qqmarkqqqqqqqqqqqqqqqqqqq', 'ok'];
    expect(splitter.splitAll(tokens)).toBe(tokens);
  });

  it('prefers fewer, more frequent words to many rare ones', () => {
    const counts = RunOnSplitter.countWords([...CORPUS, ['par', 'ter', 're']]);
    expect(new RunOnSplitter(counts).split('monvoisinestparterreilbougeplus')).toContain('terre');
  });

  it(`splits the first ${RUN_ON_UP_TO} letters of a pasted blob and keeps the rest as it was`, () => {
    const blob = 'isonthe'.repeat(60);
    const parts = splitter.split(blob);
    expect(parts.join('')).toBe(blob);
    expect(parts.at(-1)!.length).toBe(blob.length - RUN_ON_UP_TO);
  });
});
