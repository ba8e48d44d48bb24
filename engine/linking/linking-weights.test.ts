import { describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import type { Embedder } from '../ports/embedder.ts';
import { seededRandom } from '../ports/random.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { fitLinkingWeights, storedWeights, weightsFor } from './linking-weights.ts';
import { DEFAULT_CALIBRATION, DEFAULT_WEIGHTS, resolveLinkerOptions } from './options.ts';
import { fromRows } from './skill-index.ts';
import { labelRows } from './label-rows.ts';

/** Samples where gold pairs score higher (noisy), from a seeded source. */
function samples(n: number, seed: number) {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const y = rnd() < 0.2 ? 1 : 0;
    return { x: 0.4 + 0.3 * y + 0.2 * rnd(), x2: 0.5 + 0.3 * y + 0.3 * rnd(), y: y as 0 | 1 };
  });
}

const SKILL: Skill = { id: 'http://data.europa.eu/esco/skill/w-1', source: 'esco', preferredLabel: 'weld metal', altLabels: [], hiddenLabels: [], description: '', skillType: 'skill/competence', reuseLevel: '' };

/** A deterministic fake embedder (unit test of option resolution only; the real model is tested in link-text.test.ts). */
const fake = (modelId: string): Embedder => ({ modelId, dimensions: 2, embed: async (t) => t.map(() => Float32Array.of(1, 0)), dispose: async () => {} });

function optionsFor(modelId: string, extra: { phraseCoarse?: number } = {}) {
  const rows = labelRows([SKILL], { descriptions: false, hiddenLabels: true });
  const index = fromRows(modelId, [SKILL], rows, new Float32Array(rows.length * 2).fill(0.5), 2);
  return resolveLinkerOptions({ index, lexical: buildLexicalIndex([SKILL]), embedder: fake(modelId), ...extra });
}

describe('fitLinkingWeights', () => {
  it('fitLinkingWeights() twice with the same seed gives identical weights and calibration', () => {
    const data = samples(2000, 1);
    const a = fitLinkingWeights(data, { modelId: 'm@q8', weights: DEFAULT_WEIGHTS, seed: 7, maxSamples: 1500 });
    const b = fitLinkingWeights(data, { modelId: 'm@q8', weights: DEFAULT_WEIGHTS, seed: 7, maxSamples: 1500 });
    expect(b).toStrictEqual(a);
    expect(a).toMatchObject({ version: 1, modelId: 'm@q8', seed: 7, weights: DEFAULT_WEIGHTS });
    expect(a.calibration.a).toBeGreaterThan(0);
    expect(a.calibration.c).toBeGreaterThan(0);
  });

  it('fitLinkingWeights() rejects a missing seed and empty samples', () => {
    expect(() => fitLinkingWeights(samples(10, 1), { modelId: 'm', weights: DEFAULT_WEIGHTS, seed: 0.5 })).toThrow(/^invalid seed: 0.5/);
    expect(() => fitLinkingWeights([], { modelId: 'm', weights: DEFAULT_WEIGHTS, seed: 1 })).toThrow(/^invalid samples/);
  });
});

describe('weightsFor', () => {
  it('weightsFor() returns one versioned file per model id and phrase vectors, fp32 and int8 calibrated apart', () => {
    const ids = storedWeights().map((w) => `${w.modelId}.${w.phraseVectors}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const w of storedWeights()) expect(Number.isInteger(w.version) && w.version >= 1).toBe(true);
    expect(weightsFor('all-MiniLM-L6-v2@fp32', 'embedded')!.calibration).toEqual({ a: 2.194, c: 1.986, b: -4.445 });
    expect(weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!.calibration).not.toEqual(weightsFor('all-MiniLM-L6-v2@fp32', 'embedded')!.calibration);
    expect(weightsFor('all-MiniLM-L6-v2@q8', 'pooled')!.weights).not.toEqual(weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!.weights);
    expect(weightsFor('unknown@fp32')).toBeNull();
  });

  it('weightsFor() has the fine-tuned encoder\'s own file (all-MiniLM-L6-v2-esco@q8): every kind calibrated, its own weights and search, no pooled file', () => {
    const esco = weightsFor('all-MiniLM-L6-v2-esco@q8', 'embedded')!;
    expect(esco.modelId).toBe('all-MiniLM-L6-v2-esco@q8');
    expect(Object.keys(esco.calibrationByKind ?? {}).sort()).toEqual(['course', 'cv', 'posting']);
    expect(esco.weights).not.toEqual(weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!.weights);
    expect(esco.search).toEqual({ phraseCoarse: 20 });
    expect(esco.fittedOn).toMatch(/no dev set/);
    expect(weightsFor('all-MiniLM-L6-v2-esco@q8', 'pooled')).toBeNull();
    expect(weightsFor('all-MiniLM-L6-v2-esco@fp32', 'embedded')).toBeNull();
  });

  it('resolveLinkerOptions() takes the candidate search the stored weights were fitted with (q8: coarse join 20); an explicit option wins', () => {
    const q8 = weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!;
    expect(q8.search).toEqual({ phraseCoarse: 20 });
    expect(optionsFor('all-MiniLM-L6-v2@q8').phraseCoarse).toBe(20);
    expect(optionsFor('all-MiniLM-L6-v2@q8', { phraseCoarse: 0 }).phraseCoarse).toBe(0);
    // A file without `search` (fp32) and an unknown model keep the built-in defaults.
    expect(weightsFor('all-MiniLM-L6-v2@fp32', 'embedded')!.search).toBeUndefined();
    expect(optionsFor('all-MiniLM-L6-v2@fp32').phraseCoarse).toBe(0);
    expect(optionsFor('other-model@q8').phraseCoarse).toBe(0);
    expect(optionsFor('other-model@q8').maxPhrases).toBe(8);
  });

  it('resolveLinkerOptions() picks the weights of the embedder model id, defaults for an unknown model', () => {
    // The fake embedder has no embedSpans: phrases are embedded, so the `embedded` file applies.
    const fp32 = optionsFor('all-MiniLM-L6-v2@fp32');
    expect(fp32.phraseVectors).toBe('embedded');
    expect(fp32.fitted).toEqual({ modelId: 'all-MiniLM-L6-v2@fp32', phraseVectors: 'embedded', version: 1 });
    expect(fp32.calibration).toEqual(weightsFor('all-MiniLM-L6-v2@fp32', 'embedded')!.calibration);
    expect(fp32.weights).toEqual(weightsFor('all-MiniLM-L6-v2@fp32', 'embedded')!.weights);
    const other = optionsFor('other-model@q8');
    expect(other.fitted).toBeNull();
    expect(other.calibration).toEqual(DEFAULT_CALIBRATION);
    expect(other.weights).toEqual(DEFAULT_WEIGHTS);
  });
});
