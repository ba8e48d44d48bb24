import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { sha256Hex } from '../adapters/sha256.ts';
import { createTransformersEmbedder } from '../adapters/transformers-embedder.ts';
import { createCachedEmbedder, type CachedEmbedder } from '../embedding/cached-embedder.ts';
import { createCachedReranker, logitCacheModel } from '../embedding/cached-reranker.ts';
import { createMemoryCache } from '../embedding/memory-cache.ts';
import type { RerankPair, Reranker } from '../ports/reranker.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker } from './link-text.ts';
import { parseLinkingWeights, readRerankBlock, weightsFor } from './linking-weights.ts';
import { resolveRerank } from './options.ts';
import { buildSkillIndex, type SkillIndex } from './skill-index.ts';
import { reranksSegment, stage2Scores, topByFused } from './rerank.ts';
import { DEFAULT_BOILERPLATE } from './boilerplate.ts';

const skill = (n: number, preferredLabel: string, altLabels: string[]): Skill => ({
  id: `http://data.europa.eu/esco/skill/rr-${n}`,
  source: 'esco',
  preferredLabel,
  altLabels,
  hiddenLabels: [],
  description: '',
  skillType: 'skill/competence',
  reuseLevel: '',
});
const SKILLS: Skill[] = [
  skill(1, 'Python (computer programming)', ['Python']),
  skill(2, 'SQL', ['structured query language']),
  skill(3, 'manage budgets', ['budget management']),
  skill(4, 'weld metal', ['welding']),
  skill(5, 'provide customer service', ['customer service']),
  skill(6, 'Java (computer programming)', ['Java']),
  skill(7, 'machine learning', ['ML']),
  skill(8, 'give interviews to media', ['give interviews']),
];

/** A small deterministic fake cross-encoder: logit 4 when the label's first word is `favourite`, else 0; counts its calls. */
function fakeReranker(favourite: string): Reranker & { calls: RerankPair[][] } {
  const calls: RerankPair[][] = [];
  return {
    modelId: 'skill-reranker@0123456789ab',
    calls,
    async score(pairs) {
      calls.push([...pairs]);
      return Float32Array.from(pairs, (p) => (p.label.toLowerCase().startsWith(favourite) ? 4 : 0));
    },
    dispose: async () => {},
  };
}

const CALIBRATION = { a: 1, b: -2 };

describe('stage2Scores', () => {
  it('stage2Scores() reorders the top K by fused + weight·logit and keeps the rest in order just below them', () => {
    const fused = Float32Array.of(5, 1, 4, 3, 2);
    const top = topByFused(fused, 3);
    expect(Array.from(top)).toEqual([0, 2, 3]);
    const { score, contribution } = stage2Scores(fused, top, [-2, 0, 1], 1);
    // top: 5-2=3, 4, 3+1=4 → candidate 2 and 3 tie at 4 above candidate 0; the rest (2, 1) under 3, order kept
    expect(score[2]).toBe(4);
    expect(score[3]).toBe(4);
    expect(score[0]).toBe(3);
    expect(score[4]!).toBeLessThan(3);
    expect(score[1]!).toBeLessThan(score[4]!);
    expect(score[4]! - score[1]!).toBeCloseTo(1, 5);
    for (let c = 0; c < 5; c++) expect(score[c]!).toBeCloseTo(fused[c]! + contribution[c]!, 5);
  });

  it('stage2Scores() leaves the rest unshifted when they are already below every reranked score', () => {
    const fused = Float32Array.of(5, 1, 4);
    const { score, contribution } = stage2Scores(fused, topByFused(fused, 2), [1, 1], 1);
    expect(Array.from(score)).toEqual([6, 1, 5]);
    expect(contribution[1]).toBe(0);
  });

  it('reranksSegment() reads requirement sentences only (not benefits boilerplate, not process / reporting lines)', () => {
    expect(reranksSegment('Experience with Python and SQL is required.', DEFAULT_BOILERPLATE)).toBe(true);
    expect(reranksSegment('Interviews take place on site.', DEFAULT_BOILERPLATE)).toBe(false);
    expect(reranksSegment('We offer health insurance and a gym membership.', DEFAULT_BOILERPLATE)).toBe(false);
  });
});

describe('readRerankBlock (weights file v7)', () => {
  const ok = { model: 'skill-reranker@0123456789ab', topK: 20, weight: 0.8, calibration: { a: 0.5, b: -5 }, calibrationByKind: { cv: { a: 0.4, b: -4 } } };
  it('readRerankBlock() reads a valid block and nothing when absent', () => {
    expect(readRerankBlock(undefined)).toBeUndefined();
    expect(readRerankBlock(ok)).toEqual(ok);
    expect(readRerankBlock({ ...ok, enabled: false, fittedOn: 'held-out queries' })).toEqual({ ...ok, enabled: false, fittedOn: 'held-out queries' });
  });
  it.each([
    [{ ...ok, model: 'skill-reranker' }, 'rerank.model'],
    [{ ...ok, topK: 0 }, 'rerank.topK'],
    [{ ...ok, topK: 2.5 }, 'rerank.topK'],
    [{ ...ok, weight: 'high' }, 'rerank.weight'],
    [{ ...ok, weight: Number.NaN }, 'rerank.weight'],
    [{ ...ok, calibration: { a: 1 } }, 'rerank.calibration.b'],
    [{ ...ok, calibrationByKind: { resume: { a: 1, b: 0 } } }, 'rerank.calibrationByKind.resume'],
    [{ ...ok, extra: 1 }, 'rerank.extra'],
    [{ ...ok, enabled: 'no' }, 'rerank.enabled'],
    [[], 'rerank'],
  ])('readRerankBlock() refuses %j naming %s', (block, field) => {
    expect(() => readRerankBlock(block)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', field }));
  });
});

describe('Linker stage 2 (real embedding model, small deterministic fake reranker)', () => {
  let embedder: CachedEmbedder;
  let index: SkillIndex;
  beforeAll(async () => {
    embedder = createCachedEmbedder({ embedder: await createTransformersEmbedder({ dtype: 'q8' }), cache: createMemoryCache(), hash: sha256Hex });
    index = await buildSkillIndex(SKILLS, embedder);
  }, 120_000);
  afterAll(async () => {
    await index.dispose();
    await embedder.dispose();
  });
  const linkerWith = (reranker: Reranker | undefined, rerank?: false | { topK: number; weight: number; calibration: typeof CALIBRATION }) =>
    createLinker({ index, lexical: buildLexicalIndex(SKILLS), embedder, phraseCoarse: 0, ...(reranker ? { reranker } : {}), ...(rerank !== undefined ? { rerank } : {}) });

  it('rankSkills() puts the reranker\'s favourite of the top K first; candidates below K keep their stage-1 order below', async () => {
    const text = 'You will write Python code and SQL queries for our machine learning platform.';
    const plain = await linkerWith(undefined).rankSkills(text);
    const fake = fakeReranker('java');
    const k = 4;
    const reranked = await linkerWith(fake, { topK: k, weight: 10, calibration: CALIBRATION }).rankSkills(text);
    const topK = plain.slice(0, k).map((r) => r.skillId);
    const java = SKILLS[5]!.id;
    if (topK.includes(java)) {
      expect(reranked[0]!.skillId).toBe(java);
      expect(reranked.slice(1, k).map((r) => r.skillId)).toEqual(topK.filter((id) => id !== java));
    } else {
      expect(reranked.slice(0, k).map((r) => r.skillId)).toEqual(topK);
    }
    expect(reranked.slice(k).map((r) => r.skillId)).toEqual(plain.slice(k).map((r) => r.skillId));
    // one model call for the segment's K pairs, each (segment text, preferred label)
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.map((p) => p.label)).toEqual(plain.slice(0, k).map((r) => SKILLS.find((s) => s.id === r.skillId)!.preferredLabel));
    expect(fake.calls[0]!.every((p) => p.text === text)).toBe(true);
  });

  it('rankSkills() with a favourite in the top K ranks it first (Java named in the sentence)', async () => {
    const text = 'Strong Python and Java skills are required.';
    const reranked = await linkerWith(fakeReranker('java'), { topK: 3, weight: 10, calibration: CALIBRATION }).rankSkills(text);
    expect(reranked[0]!.skillId).toBe(SKILLS[5]!.id);
    const againstPython = await linkerWith(fakeReranker('python'), { topK: 3, weight: 10, calibration: CALIBRATION }).rankSkills(text);
    expect(againstPython[0]!.skillId).toBe(SKILLS[0]!.id);
  });

  it('link() explains the reranker\'s part (fused + rerank = the calibrated score) and uses the stage-2 calibration', async () => {
    const text = 'Strong Python and Java skills are required.';
    const links = await linkerWith(fakeReranker('java'), { topK: 3, weight: 1, calibration: { a: 0.5, b: 2 } }).link(text);
    const java = links.find((l) => l.skillId === SKILLS[5]!.id)!;
    expect(java.scores.rerank).toBeCloseTo(4, 5);
    expect(java.confidence).toBeCloseTo(1 / (1 + Math.exp(-(0.5 * (java.scores.fused + java.scores.rerank!) + 2))), 5);
    const off = await linkerWith(fakeReranker('java'), false).link(text);
    expect(off.every((l) => l.scores.rerank === undefined)).toBe(true);
  });

  it('a non-requirement sentence is not reranked (no model call); SKILLGRAPH_RERANK=0 turns stage 2 off', async () => {
    const fake = fakeReranker('give');
    const linker = linkerWith(fake, { topK: 3, weight: 10, calibration: CALIBRATION });
    await linker.link('Interviews take place on site.');
    expect(fake.calls).toHaveLength(0);
    process.env['SKILLGRAPH_RERANK'] = '0';
    try {
      expect(linkerWith(fake, { topK: 3, weight: 10, calibration: CALIBRATION }).options.rerank).toBeNull();
    } finally {
      delete process.env['SKILLGRAPH_RERANK'];
    }
    expect(linker.options.rerank).toMatchObject({ topK: 3, weight: 10 });
    expect(() => linkerWith(undefined, { topK: 3, weight: 10, calibration: CALIBRATION })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', field: 'reranker' }));
    expect(() => linkerWith(fake, { topK: 0, weight: 10, calibration: CALIBRATION })).toThrow(expect.objectContaining({ field: 'rerank.topK' }));
  });

  it('resolveRerank(): a reranker other than the one the weights were fitted with is refused (MODEL_MISMATCH); with it, the stored K, weight and calibration of the kind are the defaults; a file without `rerank` is stage 1', () => {
    const v6 = weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!;
    const block = { model: 'skill-reranker@0123456789ab', topK: 7, weight: 0.5, calibration: { a: 0.6, b: -6 }, calibrationByKind: { cv: { a: 1, b: -10 } } };
    const v7 = parseLinkingWeights({ ...JSON.parse(JSON.stringify(v6)), version: 7, rerank: block });
    const other = { ...fakeReranker('java'), modelId: 'skill-reranker@ba9876543210' };
    expect(() => resolveRerank({ index, lexical: buildLexicalIndex(SKILLS), embedder, reranker: other }, v7, 'posting')).toThrow(expect.objectContaining({ code: 'MODEL_MISMATCH', field: 'reranker' }));
    const same = fakeReranker('java');
    const base = { index, lexical: buildLexicalIndex(SKILLS), embedder, reranker: same };
    expect(resolveRerank(base, v7, 'posting')).toMatchObject({ topK: 7, weight: 0.5, calibration: { a: 0.6, b: -6 } });
    expect(resolveRerank(base, v7, 'cv')).toMatchObject({ calibration: { a: 1, b: -10 } });
    expect(resolveRerank({ ...base, rerank: false }, v7, 'posting')).toBeNull();
    expect(resolveRerank(base, { ...v7, rerank: undefined }, 'posting')).toBeNull();
    expect(resolveRerank({ ...base, reranker: undefined }, v7, 'posting')).toBeNull();
  });

  it('linkMany() reranks with one cached lookup per batch; a warm re-run makes no model call and gives the same links', async () => {
    const fake = fakeReranker('sql');
    const cache = createMemoryCache();
    const cached = createCachedReranker({ reranker: fake, cache, hash: sha256Hex });
    const texts = ['Write SQL queries and Python scripts.', 'Manage budgets for a welding shop.', 'Write SQL queries and Python scripts.'];
    const linker = linkerWith(cached, { topK: 4, weight: 2, calibration: CALIBRATION });
    const cold = await linker.linkMany(texts);
    expect(fake.calls).toHaveLength(1);
    // the repeated sentence's pairs are scored once
    expect(new Set(fake.calls[0]!.map((p) => `${p.text}|${p.skillId}`)).size).toBe(fake.calls[0]!.length);
    const scored = cached.stats.scored;
    expect(cache.size).toBe(scored);
    const warm = await linkerWith(createCachedReranker({ reranker: fake, cache, hash: sha256Hex }), { topK: 4, weight: 2, calibration: CALIBRATION }).linkMany(texts);
    expect(fake.calls).toHaveLength(1);
    expect(warm).toEqual(cold);
    expect(await linker.link(texts[1]!)).toEqual(cold[1]);
    expect((await cache.getEmbeddings(logitCacheModel(fake.modelId), [])).size).toBe(0);
  });
});
