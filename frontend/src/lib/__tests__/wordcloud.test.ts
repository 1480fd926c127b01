import { describe, it, expect } from 'vitest';
import { byCount, cardSize, cloudLayout, wordSize, wordTone, TONES } from '../wordcloud';

describe('wordSize', () => {
  it('runs from the smallest size to the biggest with the count', () => {
    expect(wordSize(10, 10, 1, 3)).toBe(3);
    expect(wordSize(0, 10, 1, 3)).toBe(1);
    expect(wordSize(1, 0, 1, 3)).toBe(1);
    const quarter = wordSize(25, 100, 1, 3);
    expect(quarter).toBe(2); // sqrt: the area, not the height, follows the count
    expect(wordSize(5, 10)).toBeGreaterThan(wordSize(4, 10));
  });
});

describe('wordTone', () => {
  it('is stable for a word and within the palette', () => {
    expect(wordTone('fotboll')).toBe(wordTone('fotboll'));
    for (const w of ['a', 'musik', 'café', 'ÅÄÖ', '']) {
      expect(wordTone(w)).toBeGreaterThanOrEqual(0);
      expect(wordTone(w)).toBeLessThan(TONES);
    }
  });
});

describe('cloudLayout', () => {
  it('puts the most used word in the middle and alternates the rest around it', () => {
    const placed = cloudLayout([
      { word: 'b', count: 2 },
      { word: 'a', count: 5 },
      { word: 'c', count: 1 },
      { word: 'd', count: 1 },
    ]);
    expect(placed.map((w) => w.word)).toEqual(['d', 'b', 'a', 'c']);
    expect(placed.find((w) => w.word === 'a')?.rank).toBe(0);
    expect(placed.find((w) => w.word === 'a')?.size).toBe(3);
  });
  it('orders ties by the word so snapshots do not reshuffle', () => {
    expect(byCount([{ word: 'ö', count: 1 }, { word: 'a', count: 1 }]).map((w) => w.word)).toEqual(['a', 'ö']);
  });
  it('handles an empty cloud', () => {
    expect(cloudLayout([])).toEqual([]);
  });
});

describe('cardSize', () => {
  it('gives long answers a smaller size', () => {
    expect(cardSize('Ett café')).toBe('short');
    expect(cardSize('x'.repeat(100))).toBe('medium');
    expect(cardSize('x'.repeat(250))).toBe('long');
  });
});
