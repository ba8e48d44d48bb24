import { describe, expect, it } from 'vitest';
import { createFitScorer } from './fit-scorer.ts';
import { FitErrorCode } from './errors.ts';
import { profile, tinyGraph } from './test-fixtures.ts';
import type { RoleLike } from './types.ts';

const graph = tinyGraph();
const role = (reqs: [string, number, boolean][]): RoleLike => ({ id: 'role', requirements: reqs.map(([skillId, weight, essential]) => ({ skillId, weight, essential })) });

describe('createFitScorer().score', () => {
  it('gives full coverage for the exact skill and names the evidence chain', () => {
    const scorer = createFitScorer({ graph });
    const fit = scorer.score(role([['py', 1, true]]), profile('c1', [['py', 1]]));
    expect(fit.fit).toBe(1);
    const best = fit.requirements[0]!.best!;
    expect(best.kind).toBe('exact');
    expect(best.heldSkillId).toBe('py');
    expect(best.evidence?.credentialId).toBe('cred-py');
    expect(best.evidence?.linkConfidence).toBe(1);
    expect(fit.missingEssentials).toEqual([]);
  });

  it('credits a narrower held skill more than a broader one', () => {
    const scorer = createFitScorer({ graph });
    const r = role([['py', 1, false]]);
    const narrower = scorer.score(r, profile('a', [['django', 1]]));
    const broader = scorer.score(r, profile('b', [['prog', 1]]));
    expect(narrower.requirements[0]!.best!.kind).toBe('narrower');
    expect(broader.requirements[0]!.best!.kind).toBe('broader');
    expect(narrower.fit).toBeCloseTo(0.9);
    expect(broader.fit).toBeCloseTo(0.5);
    expect(narrower.fit).toBeGreaterThan(broader.fit);
  });

  it('decays credit with taxonomy distance and stops at maxDistance', () => {
    const scorer = createFitScorer({ graph, maxDistance: 1 });
    expect(scorer.score(role([['prog', 1, false]]), profile('a', [['django', 1]])).fit).toBe(0);
    const far = createFitScorer({ graph, maxDistance: 2 }).score(role([['prog', 1, false]]), profile('a', [['django', 1]]));
    expect(far.fit).toBeCloseTo(0.9 * 0.7);
  });

  it('credits related skills and embedding neighbours above the threshold only', () => {
    const similarSkills = (id: string) => (id === 'comm' ? [{ skillId: 'js', sim: 0.9 }, { skillId: 'sql', sim: 0.5 }] : []);
    const scorer = createFitScorer({ graph, similarSkills });
    const related = scorer.score(role([['py', 1, false]]), profile('a', [['sql', 1]]));
    expect(related.requirements[0]!.best!.kind).toBe('related');
    expect(related.fit).toBeCloseTo(0.4);
    const emb = scorer.score(role([['comm', 1, false]]), profile('a', [['js', 1], ['sql', 1]]));
    expect(emb.requirements[0]!.best!.kind).toBe('embedding');
    expect(emb.requirements[0]!.best!.heldSkillId).toBe('js');
    expect(emb.fit).toBeCloseTo(0.8 * 0.9);
  });

  it('reports and penalises a missing essential', () => {
    const scorer = createFitScorer({ graph });
    const r = role([['py', 1, true], ['comm', 1, false]]);
    const withEssential = scorer.score(r, profile('a', [['py', 1]]));
    const without = scorer.score(r, profile('b', [['comm', 1]]));
    expect(withEssential.fit).toBe(without.fit);
    expect(without.missingEssentials).toEqual(['py']);
    expect(without.requirements[0]!.missing).toBe(true);
    expect(without.signals.essentialPenalty!.value).toBe(-1);
    expect(without.score).toBeLessThan(withEssential.score);
  });

  it('adds the verified-share bonus only for verified evidence, and verifiedOnly ignores the rest', () => {
    const scorer = createFitScorer({ graph });
    const r = role([['py', 1, false]]);
    const verified = scorer.score(r, profile('a', [['py', 0.8, 'verified']]));
    const claimed = scorer.score(r, profile('b', [['py', 0.8, 'self-claimed']]));
    expect(verified.fit).toBe(claimed.fit);
    expect(verified.score).toBeGreaterThan(claimed.score);
    expect(scorer.score(r, profile('b', [['py', 0.8, 'self-claimed']]), { verifiedOnly: true }).fit).toBe(0);
  });

  it('is deterministic: the same input twice gives identical output, ties broken on skill id', () => {
    const scorer = createFitScorer({ graph });
    const r = role([['prog', 2, true], ['comm', 1, false]]);
    const p = profile('a', [['py', 0.7], ['js', 0.7], ['comm', 0.3, 'self-claimed']]);
    const a = scorer.score(r, p);
    const b = createFitScorer({ graph }).score(r, p);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.requirements[0]!.best!.heldSkillId).toBe('js');
  });

  it('rejects bad options once with invalid <option>: <value>', () => {
    expect(() => createFitScorer({ graph, narrowerCredit: 2 })).toThrow(/invalid narrowerCredit: 2/);
    expect(() => createFitScorer({ graph, signalWeights: { nope: 1 } })).toThrow(/invalid signalWeights/);
    try {
      createFitScorer({ graph, maxDistance: 1.5 });
    } catch (e) {
      expect((e as { code: string }).code).toBe(FitErrorCode.InvalidOption);
    }
  });

  it('rejects a role without requirements or with a bad weight', () => {
    const scorer = createFitScorer({ graph });
    expect(() => scorer.score({ id: 'r', requirements: [] }, profile('a', []))).toThrow(expect.objectContaining({ code: FitErrorCode.EmptyRole }));
    expect(() => scorer.score(role([['py', 0, true]]), profile('a', []))).toThrow(expect.objectContaining({ code: FitErrorCode.InvalidRequirement }));
  });
});
