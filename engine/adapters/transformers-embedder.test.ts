import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder, SpanRequest } from '../ports/embedder.ts';
import { dot } from '../embedding/vector-math.ts';
import { createTransformersEmbedder } from './transformers-embedder.ts';

let fp32: Embedder;
let q8: Embedder;
beforeAll(async () => {
  fp32 = await createTransformersEmbedder({ dtype: 'fp32', batchSize: 4 });
  q8 = await createTransformersEmbedder({ dtype: 'q8' });
});
afterAll(async () => {
  await fp32.dispose();
  await q8.dispose();
});

describe('createTransformersEmbedder', () => {
  it('embed() gives unit 384-d vectors matching sentence-transformers (PROVENANCE.md checks)', async () => {
    expect(fp32.modelId).toBe('all-MiniLM-L6-v2@fp32');
    expect(q8.modelId).toBe('all-MiniLM-L6-v2@q8');
    expect(fp32.dimensions).toBe(384);
    const [a, b, c, d] = await fp32.embed(['manage a team of software developers', 'lead software engineering teams', 'Python programming', 'program in Python']);
    expect(a!.length).toBe(384);
    expect(Array.from(a!.slice(0, 4)).map((x) => +x.toFixed(4))).toEqual([-0.0134, -0.0483, 0.0021, 0.0354]);
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
    expect(dot(a!, b!)).toBeCloseTo(0.7082, 3);
    expect(dot(c!, d!)).toBeCloseTo(0.9028, 3);
    const [qa, qb] = await q8.embed(['manage a team of software developers', 'lead software engineering teams']);
    expect(dot(qa!, qb!)).toBeCloseTo(0.6924, 2);
  });

  it('embed() returns input order although batches are sorted by length', async () => {
    const texts = ['a much longer sentence about welding steel pipes on site', 'SQL', 'Python programming', 'x', 'manage budgets and forecasts for a department', 'Java'];
    const together = await fp32.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      const [alone] = await fp32.embed([texts[i]!]);
      expect(dot(together[i]!, alone!)).toBeGreaterThan(0.9999);
    }
  });

  it('embed() gives finite vectors for empty, whitespace-only and unknown-word input', async () => {
    const out = await q8.embed(['', '   \n\t', 'ꙮꙮꙮ 𓀀𓀁', '###']);
    for (const v of out) {
      expect(v.length).toBe(384);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(await q8.embed([])).toEqual([]);
  });

  it('createTransformersEmbedder() rejects bad options with invalid <option>: <value>', async () => {
    await expect(createTransformersEmbedder({ dtype: 'int4' as 'q8' })).rejects.toThrow(/^invalid dtype: "int4"/);
    await expect(createTransformersEmbedder({ batchSize: 0 })).rejects.toThrow(/^invalid batchSize: 0/);
    await expect(createTransformersEmbedder({ modelsDir: '/nonexistent' })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });
});

/** A 300-word text (well past the 256 word-piece limit). */
const LONG = Array.from({ length: 300 }, (_, i) => ['welding', 'budget', 'Python', 'customer', 'service', 'teamwork'][i % 6]!).join(' ');

const norm = (v: Float32Array): number => Math.sqrt(dot(v, v));

/** The code and message of a rejected promise. */
async function rejectionOf(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('createTransformersEmbedder().embedSpans', () => {
  it('embedSpans() gives each text the vector embed() gives it (punctuation, accents, C++, Node.js, empty)', async () => {
    const texts = [
      'C++ and Node.js developer',
      'café, résumé & naïve façade!',
      'Python (computer programming); SQL/NoSQL — e.g. "ETL".',
      '',
      '   ',
      'ÉCOLE Straße İstanbul',
      '中文 programming',
      'x\u0000y weld',
      'tab\tnew\nline',
    ];
    const spans = await fp32.embedSpans!(texts.map((text) => ({ text, spans: [] })));
    const plain = await fp32.embed(texts);
    expect(spans).toHaveLength(texts.length);
    texts.forEach((t, i) => {
      expect(spans[i]!.spans).toEqual([]);
      expect(spans[i]!.vector.length).toBe(384);
      expect(dot(spans[i]!.vector, plain[i]!), JSON.stringify(t.slice(0, 40))).toBeGreaterThan(0.99999);
    });
  });

  // BUG (engine/adapters/transformers-embedder.ts, encode()): transformers.js truncates AFTER adding the
  // special tokens, so embed() of a text over maxTokens - 2 word pieces keeps [CLS] + 255 pieces and
  // drops [SEP] (sentence-transformers keeps [CLS] + 254 + [SEP], as embedSpans() does): dot ≈ 0.99885
  // for this 300-word text (≈ 0.96 with maxTokens 16). Flip to it() once fixed.
  it('embedSpans() gives the embed() vector for a 300-word text truncated at maxTokens', async () => {
    const [s] = await fp32.embedSpans!([{ text: LONG, spans: [] }]);
    const [p] = await fp32.embed([LONG]);
    expect(dot(s!.vector, p!)).toBeGreaterThan(0.99999);
  });

  it('embedSpans() truncates at maxTokens: words past the limit change nothing', async () => {
    const more = `${LONG} giraffe zebra astronomy`;
    const [a, b] = await fp32.embedSpans!([{ text: LONG, spans: [[0, 7]] }, { text: more, spans: [[0, 7]] }]);
    expect(dot(a!.vector, b!.vector)).toBeGreaterThan(0.99999);
    expect(dot(a!.spans[0]!, b!.spans[0]!)).toBeGreaterThan(0.99999);
  });

  // BUG (engine/adapters/transformers-embedder.ts, PIECE regex + alignedTokens): JS `\s` splits on
  // \v, \f and \uFEFF, which the BERT normaliser deletes (control/format characters), so
  // "a\vb welding" is aligned as tokens "a", "b" while the tokenizer sees "ab": vector dot ≈ 0.859.
  // Flip to it() once fixed.
  it('embedSpans() gives the embed() vector for text with \\v, \\f or \\uFEFF inside a word', async () => {
    const texts = ['a\u000bb welding', 'a\u000cb welding', 'Node\uFEFFjs welding'];
    const spans = await fp32.embedSpans!(texts.map((text) => ({ text, spans: [] })));
    const plain = await fp32.embed(texts);
    texts.forEach((_, i) => expect(dot(spans[i]!.vector, plain[i]!)).toBeGreaterThan(0.99999));
  });

  it('embedSpans() pools a unit span vector from the text pass, nearer its word alone than an unrelated word', async () => {
    const text = 'I have ten years of experience in welding, budgeting and Python.';
    const word = (w: string): [number, number] => [text.indexOf(w), text.indexOf(w) + w.length];
    const [got] = await fp32.embedSpans!([{ text, spans: [word('welding'), word('budgeting'), word('Python'), [0, text.length]] }]);
    const [welding, budgeting, python, giraffe] = await fp32.embed(['welding', 'budgeting', 'Python', 'giraffe']);
    expect(got!.spans).toHaveLength(4);
    for (const v of got!.spans) expect(norm(v)).toBeCloseTo(1, 5);
    const [sWeld, sBudget, sPython, sAll] = got!.spans;
    expect(dot(sWeld!, welding!)).toBeGreaterThan(dot(sWeld!, giraffe!));
    expect(dot(sWeld!, welding!)).toBeGreaterThan(dot(sWeld!, budgeting!));
    expect(dot(sBudget!, budgeting!)).toBeGreaterThan(dot(sBudget!, python!));
    expect(dot(sPython!, python!)).toBeGreaterThan(dot(sPython!, welding!));
    // The whole-text span excludes CLS/SEP, so it is near (not equal to) the text vector.
    expect(dot(sAll!, got!.vector)).toBeGreaterThan(0.9);
  });

  it('embedSpans() pools a span over part of a word from the whole word, and over punctuation from its mark', async () => {
    const text = 'Node.js and C++';
    const [got] = await fp32.embedSpans!([{ text, spans: [[0, 4], [0, 2], [2, 3], [4, 5], [12, 15], [13, 14]] }]);
    const [node, nod, d, dotMark, cpp, plus] = got!.spans;
    // A span inside a word piece covers the piece(s) it overlaps: [0,2) and [2,3) both overlap "node".
    expect(Array.from(nod!)).toEqual(Array.from(node!));
    expect(Array.from(d!)).toEqual(Array.from(node!));
    expect(norm(dotMark!)).toBeCloseTo(1, 5);
    expect(dot(dotMark!, node!)).toBeLessThan(0.99);
    expect(norm(cpp!)).toBeCloseTo(1, 5);
    expect(norm(plus!)).toBeCloseTo(1, 5);
  });

  it('embedSpans() gives an all-zero vector (no NaN) for a span over no token', async () => {
    const text = 'weld   metal';
    const items: SpanRequest[] = [
      { text, spans: [[0, 0], [4, 7], [5, 6], [12, 12], [0, 4]] },
      { text: '', spans: [[0, 0]] },
      { text: '   ', spans: [[0, 3]] },
      { text: LONG, spans: [[LONG.length - 7, LONG.length]] }, // past the truncation point
    ];
    const got = await fp32.embedSpans!(items);
    const zeros = new Array(384).fill(0);
    expect(Array.from(got[0]!.spans[0]!)).toEqual(zeros);
    expect(Array.from(got[0]!.spans[1]!)).toEqual(zeros);
    expect(Array.from(got[0]!.spans[2]!)).toEqual(zeros);
    expect(Array.from(got[0]!.spans[3]!)).toEqual(zeros);
    expect(norm(got[0]!.spans[4]!)).toBeCloseTo(1, 5);
    expect(Array.from(got[1]!.spans[0]!)).toEqual(zeros);
    expect(Array.from(got[2]!.spans[0]!)).toEqual(zeros);
    expect(Array.from(got[3]!.spans[0]!)).toEqual(zeros);
    for (const g of got) expect(g.vector.every(Number.isFinite)).toBe(true);
  });

  it('embedSpans() returns input order although batches are sorted by length', async () => {
    const texts = ['a much longer sentence about welding steel pipes on site', 'SQL', 'Python programming', 'x', 'manage budgets and forecasts for a department', 'Java', LONG, 'C++'];
    const items = texts.map((text) => ({ text, spans: [[0, Math.min(3, text.length)]] as [number, number][] }));
    const together = await fp32.embedSpans!(items); // batchSize 4: two length-sorted batches
    for (let i = 0; i < texts.length; i++) {
      const [alone] = await fp32.embedSpans!([items[i]!]);
      expect(dot(together[i]!.vector, alone!.vector)).toBeGreaterThan(0.99999);
      expect(dot(together[i]!.spans[0]!, alone!.spans[0]!)).toBeGreaterThan(0.99999);
    }
    expect(await fp32.embedSpans!([])).toEqual([]);
  });

  it('embedSpans() rejects a bad span with invalid items[i].spans[j] (INVALID_OPTION)', async () => {
    const bad: [unknown, RegExp][] = [
      [[{ text: 'abc', spans: [[0, 4]] }], /^invalid items\[0\]\.spans\[0\]: \[0,4\] /],
      [[{ text: 'abc', spans: [[0, 1] ] }, { text: 'abc', spans: [[0, 1], [2, 1]] }], /^invalid items\[1\]\.spans\[1\]: \[2,1\] /],
      [[{ text: 'abc', spans: [[0, 1.5]] }], /^invalid items\[0\]\.spans\[0\]: \[0,1\.5\] /],
      [[{ text: 'abc', spans: [[1]] }], /^invalid items\[0\]\.spans\[0\]: \[1\] /],
      [[{ text: 'abc', spans: ['0,1'] }], /^invalid items\[0\]\.spans\[0\]: "0,1" /],
    ];
    for (const [items, message] of bad) {
      const err = await rejectionOf(fp32.embedSpans!(items as SpanRequest[]));
      expect(err.code).toBe('INVALID_OPTION');
      expect(err.message).toMatch(message);
    }
  });

  it('embedSpans() and embed() reject with DISPOSED after dispose()', async () => {
    const e = await createTransformersEmbedder({ dtype: 'q8' });
    await e.dispose();
    expect((await rejectionOf(e.embedSpans!([{ text: 'weld', spans: [] }]))).code).toBe('DISPOSED');
    expect((await rejectionOf(e.embed(['weld']))).code).toBe('DISPOSED');
  });
});
