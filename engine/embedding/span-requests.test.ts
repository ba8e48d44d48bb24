import { describe, expect, it } from 'vitest';
import type { SpanRequest } from '../ports/embedder.ts';
import { checkSpanRequests } from './span-requests.ts';

/** Runs the check and returns the thrown error (or undefined). */
function errorOf(items: unknown): { code?: string; message: string } | undefined {
  try {
    checkSpanRequests(items as readonly SpanRequest[]);
    return undefined;
  } catch (e) {
    return e as { code?: string; message: string };
  }
}

describe('checkSpanRequests', () => {
  it('checkSpanRequests() accepts strings with integer [start, end) ranges inside them, empty ranges and empty lists', () => {
    const good: SpanRequest[] = [
      { text: 'weld metal', spans: [[0, 4], [5, 10], [0, 10], [3, 3], [10, 10]] },
      { text: '', spans: [[0, 0]] },
      { text: 'no spans', spans: [] },
    ];
    expect(errorOf(good)).toBeUndefined();
    expect(errorOf([])).toBeUndefined();
  });

  const cases: [string, unknown, RegExp][] = [
    ['not an array', 'weld', /^invalid items: "weld" \(expected an array of \{ text, spans \}\)/],
    ['null', null, /^invalid items: null /],
    ['a null item', [null], /^invalid items\[0\]: null \(expected a \{ text, spans \} object\)/],
    ['a string item', [{ text: 'a', spans: [] }, 'abc'], /^invalid items\[1\]: "abc" /],
    ['a non-string text', [{ text: 42, spans: [] }], /^invalid items\[0\]: \{"text":42,"spans":\[\]\} \(expected a \{ text, spans \} object\)/],
    ['spans missing', [{ text: 'abc' }], /^invalid items\[0\]: /],
    ['spans not an array', [{ text: 'abc', spans: '0,1' }], /^invalid items\[0\]: /],
    ['end past the text', [{ text: 'abc', spans: [[0, 4]] }], /^invalid items\[0\]\.spans\[0\]: \[0,4\] \(expected a \[start, end\) range inside the 3-character text\)/],
    ['start after end', [{ text: 'abc', spans: [[0, 1], [2, 1]] }], /^invalid items\[0\]\.spans\[1\]: \[2,1\] /],
    ['negative start', [{ text: 'abc', spans: [[-1, 2]] }], /^invalid items\[0\]\.spans\[0\]: \[-1,2\] /],
    ['non-integer start', [{ text: 'abc', spans: [[0.5, 2]] }], /^invalid items\[0\]\.spans\[0\]: \[0\.5,2\] /],
    ['NaN end', [{ text: 'abc', spans: [[0, Number.NaN]] }], /^invalid items\[0\]\.spans\[0\]: \[0,NaN\] /],
    ['string bounds', [{ text: 'abc', spans: [['0', '1']] }], /^invalid items\[0\]\.spans\[0\]: \["0","1"\] /],
    ['a triple', [{ text: 'abc', spans: [[0, 1, 2]] }], /^invalid items\[0\]\.spans\[0\]: \[0,1,2\] /],
    ['a single number', [{ text: 'abc', spans: [1] }], /^invalid items\[0\]\.spans\[0\]: 1 /],
    ['an object span', [{ text: 'abc', spans: [{ start: 0, end: 1 }] }], /^invalid items\[0\]\.spans\[0\]: \{"start":0,"end":1\} /],
    ['a bad span in a later item', [{ text: 'abc', spans: [[0, 3]] }, { text: 'de', spans: [[0, 2], [1, 3]] }], /^invalid items\[1\]\.spans\[1\]: \[1,3\] \(expected a \[start, end\) range inside the 2-character text\)/],
  ];
  it.each(cases)('checkSpanRequests() rejects %s with INVALID_OPTION and where it is', (_name, items, message) => {
    const err = errorOf(items);
    expect(err).toBeDefined();
    expect(err!.code).toBe('INVALID_OPTION');
    expect(err!.message).toMatch(message);
  });
});
