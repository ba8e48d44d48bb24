import { describe, expect, it } from 'vitest';
import { createFitScorer } from '../fit/fit-scorer.ts';
import { profile, tinyGraph } from '../fit/test-fixtures.ts';
import type { RoleLike } from '../fit/types.ts';
import { createRecommender } from './recommender.ts';
import { cred } from './test-fixtures.ts';


const scorer = createFitScorer({ graph: tinyGraph() });
const role: RoleLike = { id: 'role', requirements: [{ skillId: 'py', weight: 1, essential: true }] };
const input = (catalogue: ReturnType<typeof cred>[]) => ({ role, profile: profile('c', []), catalogue, held: [] });

describe('recommender with unpriced credentials', () => {
  it('next() assumes the catalogue median for an unknown price instead of treating it as free', () => {
    const catalogue = [cred('priced-a', ['py'], 100, 10), cred('priced-b', ['sql'], 300, 10), cred('unpriced', ['py'], null, null)];
    const [first] = createRecommender(scorer).next(input(catalogue));
    expect(first!.credentialId).toBe('priced-a');
    const unpriced = createRecommender(scorer).next(input(catalogue)).find((r) => r.credentialId === 'unpriced')!;
    expect(unpriced.cost).toBe(200);
    expect(unpriced.hours).toBe(10);
  });

  it('an explicit unknownCost of 0 keeps the old behaviour (unpriced counts as free)', () => {
    const catalogue = [cred('priced-a', ['py'], 100, 10), cred('unpriced', ['py'], null, 10)];
    expect(createRecommender(scorer, { unknownCost: 0 }).next(input(catalogue))[0]!.credentialId).toBe('unpriced');
  });

  it("rejects an unknownCost that is neither a number ≥ 0 nor 'median'", () => {
    expect(() => createRecommender(scorer, { unknownCost: -1 })).toThrow(/invalid unknownCost/);
  });
});
