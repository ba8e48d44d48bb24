import { describe, expect, it } from 'vitest';
import { candidatePhrases } from './phrases.ts';
import { segmentText } from './segment.ts';

describe('segmentText', () => {
  it('segmentText() splits sentences, bullets, numbered items and lines with exact offsets', () => {
    const text = 'We build tools. You will:\n• write Python code · review SQL queries\n1. Deploy to AWS\n- mentor juniors; test code';
    const segs = segmentText(text);
    expect(segs.map((s) => s.text)).toEqual(['We build tools.', 'You will:', 'write Python code', 'review SQL queries', 'Deploy to AWS', 'mentor juniors', 'test code']);
    for (const s of segs) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('segmentText() returns nothing for empty or punctuation-only text', () => {
    expect(segmentText('')).toEqual([]);
    expect(segmentText(' •  - \n ')).toEqual([]);
  });
});

describe('candidatePhrases', () => {
  it('candidatePhrases() skips stop-word edges and never crosses commas', () => {
    const p = candidatePhrases('Experience with Java, Python and machine learning', 3).map((x) => x.text);
    expect(p).toContain('Java');
    expect(p).toContain('machine learning');
    expect(p).toContain('Python and machine');
    expect(p).not.toContain('Java, Python');
    expect(p.some((x) => /^(with|and)\b/i.test(x))).toBe(false);
  });
});
