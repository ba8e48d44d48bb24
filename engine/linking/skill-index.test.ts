import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { createOrtRowScorer } from '../adapters/ort-row-scorer.ts';
import { createTransformersEmbedder } from '../adapters/transformers-embedder.ts';
import type { TopRows } from '../embedding/row-scorer.ts';
import { dot } from '../embedding/vector-math.ts';
import type { Embedder } from '../ports/embedder.ts';
import { labelRows, RowKind } from './label-rows.ts';
import { buildSkillIndex, fromRows } from './skill-index.ts';

const skill = (n: number, preferredLabel: string, altLabels: string[] = [], description = '', hiddenLabels: string[] = []): Skill => ({
  id: `http://data.europa.eu/esco/skill/idx-${n}`,
  source: 'esco',
  preferredLabel,
  altLabels,
  hiddenLabels,
  description,
  skillType: 'skill/competence',
  reuseLevel: '',
});

const SKILLS = [
  skill(0, 'manage budgets', ['Python scripting', 'budget control'], 'Plan, monitor and report on the budget.'),
  skill(1, 'Python (computer programming)', ['program in Python']),
  skill(2, 'weld metal', ['arc welding', 'welding'], 'Join metal parts by welding.'),
  skill(3, 'provide customer service', ['customer care']),
  skill(4, 'bake bread', ['baking']),
  skill(5, 'drive a forklift', ['operate forklift trucks']),
];
const QUERIES = ['Python scripting', 'I weld steel pipes', 'bakery work', 'help customers at the desk', 'financial planning', 'forklift'];

/** Brute-force q × n cosines of query vectors against `rows` vectors. */
const cosines = (queries: readonly Float32Array[], rows: readonly Float32Array[]) => queries.map((q) => rows.map((r) => dot(q, r)));

/** `got` per query: k distinct ids, best first, each scoring at least the true k-th best (ties allowed). */
function expectTopOf(got: TopRows, truth: number[][], k: number): void {
  expect(got.k).toBe(Math.min(k, truth[0]!.length));
  truth.forEach((row, j) => {
    const sorted = [...row].sort((a, b) => b - a);
    const ids = Array.from(got.rows.subarray(j * got.k, (j + 1) * got.k));
    expect(new Set(ids).size).toBe(got.k);
    ids.forEach((id, i) => {
      expect(row[id]!).toBeCloseTo(sorted[i]!, 4);
      expect(got.scores[j * got.k + i]!).toBeCloseTo(row[id]!, 4);
    });
  });
}

let model: Embedder;
beforeAll(async () => {
  model = await createTransformersEmbedder({ dtype: 'q8' });
});
afterAll(async () => {
  await model.dispose();
});

describe('buildSkillIndex (real model)', () => {
  for (const [name, scorer] of [
    ['JS scorer', undefined],
    ['ORT scorer', createOrtRowScorer],
  ] as const) {
    it(`topRowsBatch() equals a brute-force top-k over all label rows (${name})`, async () => {
      const index = await buildSkillIndex(SKILLS, model, scorer ? { scorer } : {});
      const rowVectors = Array.from({ length: index.rows }, (_, r) => index.matrix.subarray(r * index.dim, (r + 1) * index.dim));
      const queries = await model.embed(QUERIES);
      const truth = cosines(queries, rowVectors);
      for (const k of [1, 4, index.rows, index.rows + 3]) expectTopOf(await index.topRowsBatch(queries, k), truth, k);
      // topRows() (one query, heap) gives the same best scores.
      queries.forEach((q, j) => {
        const best = [...truth[j]!].sort((a, b) => b - a).slice(0, 5);
        index.topRows(q, 5).forEach((s, i) => expect(s.score).toBeCloseTo(best[i]!, 4));
      });
      await index.dispose();
    });

    it(`topPreferred() ranks SKILL indices by cosine to their preferred label only (${name})`, async () => {
      const index = await buildSkillIndex(SKILLS, model, scorer ? { scorer } : {});
      const queries = await model.embed(QUERIES);
      // The index's own preferred-label rows (q8 vectors shift ~0.01 with batch composition, so not re-embedded).
      const preferred = SKILLS.map((_, s) => {
        const r = index.skillStart[s]!;
        expect(index.rowKind[r]).toBe(RowKind.Preferred);
        expect(index.rowText[r]).toBe(SKILLS[s]!.preferredLabel);
        return index.matrix.subarray(r * index.dim, (r + 1) * index.dim);
      });
      const truth = cosines(queries, preferred);
      const [again] = await model.embed([SKILLS[2]!.preferredLabel]);
      expect(dot(again!, preferred[2]!)).toBeGreaterThan(0.95);
      for (const k of [1, 3, SKILLS.length, SKILLS.length + 2]) expectTopOf(await index.topPreferred(queries, k), truth, k);
      // "Python scripting" is an ALT label of skill 0: over all rows skill 0 wins, by preferred label skill 1.
      const [python] = queries;
      expect(index.topSkills(python!, 1)[0]!.index).toBe(0);
      const top = await index.topPreferred([python!], 2);
      expect(top.rows[0]).toBe(1);
      expect(Array.from(top.rows)).not.toContain(0);
      await index.dispose();
    });
  }
});

/** A 2-D fake: a fixed vector per text (unit length), [0, 0] for unknown text. */
function fake2d(table: Record<string, [number, number]>): Embedder {
  return {
    modelId: 'fake-2d',
    dimensions: 2,
    async embed(texts) {
      return texts.map((t) => {
        const [x, y] = table[t] ?? [0, 0];
        const n = Math.hypot(x, y) || 1;
        return Float32Array.of(x / n, y / n);
      });
    },
    dispose: async () => {},
  };
}

describe('fromRows / buildSkillIndex (fake 2-D embedder)', () => {
  const skills = [skill(0, 'p0', ['a0']), skill(1, 'p1', ['a1'], '', ['h1']), skill(2, 'p2')];
  const table: Record<string, [number, number]> = { p0: [1, 0], a0: [0, 1], p1: [0.8, 0.6], a1: [0.6, 0.8], h1: [-1, 0], p2: [-0.6, 0.8] };

  it('topPreferred() ignores alternative labels: an exact alt-label hit ranks by its preferred label', async () => {
    const index = await buildSkillIndex(skills, fake2d(table), { descriptions: false });
    const up = Float32Array.of(0, 1); // equals skill 0's alt label a0
    expect(index.topSkills(up, 1)[0]).toEqual({ index: 0, score: 1 });
    const got = await index.topPreferred([up, Float32Array.of(1, 0)], 3);
    expect(got.k).toBe(3);
    // by preferred label: p2 (0.8), p1 (0.6), p0 (0)
    expect(Array.from(got.rows.subarray(0, 3))).toEqual([2, 1, 0]);
    expect(Array.from(got.scores.subarray(0, 3)).map((v) => +v.toFixed(5))).toEqual([0.8, 0.6, 0]);
    expect(Array.from(got.rows.subarray(3, 6))).toEqual([0, 1, 2]);
    await index.dispose();
  });

  it('fromRows() topRowsBatch() and topPreferred() equal brute force over its rows', async () => {
    const rows = labelRows(skills, { descriptions: false, hiddenLabels: true });
    expect(rows.map((r) => r.kind)).toEqual([RowKind.Preferred, RowKind.Alternative, RowKind.Preferred, RowKind.Alternative, RowKind.Hidden, RowKind.Preferred]);
    const vectors = await fake2d(table).embed(rows.map((r) => r.text));
    const matrix = new Float32Array(rows.length * 2);
    vectors.forEach((v, i) => matrix.set(v, i * 2));
    const index = fromRows('fake-2d', skills, rows, matrix, 2);
    const queries = [Float32Array.of(0, 1), Float32Array.of(-1, 0), Float32Array.of(0.6, -0.8)];
    expectTopOf(await index.topRowsBatch(queries, 4), cosines(queries, vectors), 4);
    const prefVectors = rows.filter((r) => r.kind === RowKind.Preferred).map((r) => vectors[rows.indexOf(r)]!);
    expectTopOf(await index.topPreferred(queries, 3), cosines(queries, prefVectors), 3);
    // (-1, 0) matches skill 1's hidden row exactly, but its preferred label scores -0.8.
    const byRow = await index.topRowsBatch([Float32Array.of(-1, 0)], 1);
    expect(rows[byRow.rows[0]!]!.text).toBe('h1');
    const byPref = await index.topPreferred([Float32Array.of(-1, 0)], 3);
    expect(Array.from(byPref.rows)).toEqual([2, 1, 0]); // 0.6, -0.8, -1
    await index.dispose();
  });
});
