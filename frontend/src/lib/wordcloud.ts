// Pure helpers for the live word cloud and answer wall (unit-tested in __tests__/wordcloud.test.ts).

export interface CloudWord {
  word: string;
  count: number;
}

export interface PlacedWord extends CloudWord {
  /** 0 for the most used word. */
  rank: number;
  /** Font size in rem, before the fit-to-box factor. */
  size: number;
  /** Index into the palette: stable per word, so a word keeps its colour as counts change. */
  tone: number;
}

export const TONES = 6;

/** Font size (rem) for ``count`` against the biggest count: the area grows with the count. */
export function wordSize(count: number, max: number, min = 1, biggest = 3): number {
  if (max <= 0 || count <= 0) return min;
  const share = Math.sqrt(Math.min(count, max) / max);
  return Math.round((min + (biggest - min) * share) * 100) / 100;
}

/** A small stable hash of a word, for its colour. */
export function wordTone(word: string, tones = TONES): number {
  let h = 0;
  for (const ch of word) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % tones;
}

/** Most used first; ties by the word, so the order does not flicker between snapshots. */
export function byCount(words: CloudWord[]): CloudWord[] {
  return [...words].sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'sv'));
}

/**
 * Words in reading order for a centred flex layout: the most used in the middle, the
 * others alternating after and before it, so the big words gather at the centre like a
 * cloud and the small ones fringe it. Flex wrapping means words never overlap.
 */
export function cloudLayout(words: CloudWord[], min = 1, biggest = 3): PlacedWord[] {
  const sorted = byCount(words);
  const max = sorted[0]?.count ?? 0;
  const out: PlacedWord[] = [];
  sorted.forEach((w, rank) => {
    const placed = { ...w, rank, size: wordSize(w.count, max, min, biggest), tone: wordTone(w.word) };
    if (rank % 2 === 0) out.push(placed);
    else out.unshift(placed);
  });
  return out;
}

/** A wall card's text size class: long answers get a smaller font so they stay whole. */
export function cardSize(text: string): 'short' | 'medium' | 'long' {
  if (text.length <= 60) return 'short';
  if (text.length <= 160) return 'medium';
  return 'long';
}

/** A word cloud's text field on the phone: a few words (the server's limit may be higher). */
export const WORD_CLOUD_MAX = 40;
