import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../ports/embedder.ts';
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
