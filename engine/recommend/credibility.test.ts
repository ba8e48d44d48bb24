import { describe, expect, it } from 'vitest';
import type { Award, Credential } from '../../taxonomy/model/types.ts';
import { createFitScorer } from '../fit/fit-scorer.ts';
import { profile, tinyGraph } from '../fit/test-fixtures.ts';
import type { RoleLike } from '../fit/types.ts';
import { credibilityLevel, issuerCredibility } from '../value/issuer-credibility.ts';
import { orderByValueThenCredibility, sameRequirements, sameValue } from './credibility.ts';
import { createRecommender } from './recommender.ts';
import { cred } from './test-fixtures.ts';
import type { CredibilityLevel, RecommendInput } from './types.ts';

const scorer = createFitScorer({ graph: tinyGraph() });
const role: RoleLike = {
  id: 'role',
  requirements: [
    { skillId: 'py', weight: 2, essential: true },
    { skillId: 'comm', weight: 1, essential: false },
  ],
};
const from = (c: Credential, issuerId: string, standing?: Credential['standing']): Credential => ({ ...c, issuer: { id: issuerId, name: issuerId }, ...(standing ? { standing } : {}) });
const accredited: Credential['standing'] = {
  recognition: [{ kind: 'accreditedBy', agentId: 'urn:org:board', agentName: 'Board', source: 'ceterms:accreditedBy[0]', verification: 'stated' }],
  assessment: [],
};
// 'a-copy' sorts first by id, so without credibility it would win every tie
const catalogue: Credential[] = [
  from(cred('a-copy', ['py'], 100, 10), 'urn:org:unknown'),
  from(cred('b-original', ['py'], 100, 10), 'urn:org:verified', accredited),
  from(cred('c-verified-plain', ['py'], 100, 10), 'urn:org:verified'),
  from(cred('d-cheaper-copy', ['py'], 50, 10), 'urn:org:unknown'),
  from(cred('e-comm', ['comm'], 100, 10), 'urn:org:unknown'),
  from(cred('f-basis', ['comm'], 20, 2), 'urn:org:verified'),
];
const awards: Award[] = [
  { id: 'aw1', candidateId: 'x', credentialId: 'f-basis', issuedOn: '2026-01-01', expiresOn: null, verification: 'verified' },
  { id: 'aw2', candidateId: 'x', credentialId: 'a-copy', issuedOn: '2026-01-01', expiresOn: null, verification: 'unverifiable' },
];
const issuers = issuerCredibility(catalogue, awards);
const credibility = new Map<string, CredibilityLevel>(catalogue.map((c) => [c.id, credibilityLevel(c, issuers.get(c.issuer.id))]));
const input = (cat: readonly Credential[], withCredibility = true): RecommendInput => ({
  role,
  profile: profile('c1', []),
  catalogue: cat,
  held: [],
  ...(withCredibility ? { credibility } : {}),
});

describe('credibility in the recommender (issue 20)', () => {
  it('levels come from the awards: verified issuer + recognition = 2, verified = 1, unverifiable = 0', () => {
    expect(Object.fromEntries(credibility)).toEqual({ 'a-copy': 0, 'b-original': 2, 'c-verified-plain': 1, 'd-cheaper-copy': 0, 'e-comm': 0, 'f-basis': 1 });
  });

  it('next: at the same value the verified, accredited credential ranks above its unverifiable copy, and says why', () => {
    const without = createRecommender(scorer).next(input(catalogue, false)).map((r) => r.credentialId);
    expect(without.indexOf('a-copy')).toBeLessThan(without.indexOf('b-original')); // the id decides without credibility
    const recs = createRecommender(scorer).next(input(catalogue));
    const ids = recs.map((r) => r.credentialId);
    expect(ids.indexOf('b-original')).toBeLessThan(ids.indexOf('c-verified-plain'));
    expect(ids.indexOf('c-verified-plain')).toBeLessThan(ids.indexOf('a-copy'));
    const b = recs.find((r) => r.credentialId === 'b-original')!;
    const a = recs.find((r) => r.credentialId === 'a-copy')!;
    expect(b.value).toBe(a.value);
    expect(b.credibility).toBe(2);
    expect(b.explanation).toContain('verified issuer with recognition stated (level 2)');
    expect(b.explanation).toContain('ranked above c-verified-plain, a-copy: same requirement skills at the same value, lower credibility');
    expect(a.explanation).toContain('issuer not verified (level 0)');
    expect(a.explanation).toContain('ranked below b-original, c-verified-plain');
  });

  it('next: credibility never lifts a credential above a better value (the cheaper unverifiable copy stays first)', () => {
    const ids = createRecommender(scorer).next(input(catalogue)).map((r) => r.credentialId);
    expect(ids.indexOf('d-cheaper-copy')).toBeLessThan(ids.indexOf('b-original'));
  });

  it('next: over every pair, a lower level never ranks above an equivalent of a higher level at the same value', () => {
    const big: Credential[] = [];
    const levels = new Map<string, CredibilityLevel>();
    const skills = ['py', 'comm', 'sql', 'js'];
    for (let i = 0; i < 40; i++) {
      const id = `k${String(i).padStart(2, '0')}`;
      big.push(cred(id, [skills[i % 4]!, ...(i % 3 === 0 ? [skills[(i + 1) % 4]!] : [])], [50, 100][i % 2]!, 10));
      levels.set(id, ((i * 7) % 3) as CredibilityLevel);
    }
    const recs = createRecommender(scorer).next({ role: { id: 'r', requirements: skills.map((skillId) => ({ skillId, weight: 1, essential: false })) }, profile: profile('c', []), catalogue: big, held: [], credibility: levels }, { top: 40 });
    let pairs = 0;
    for (let i = 0; i < recs.length; i++) {
      for (let j = i + 1; j < recs.length; j++) {
        if (!sameValue(recs[i]!.value, recs[j]!.value) || !sameRequirements(recs[i]!, recs[j]!)) continue;
        pairs++;
        expect(recs[i]!.credibility).toBeGreaterThanOrEqual(recs[j]!.credibility);
      }
    }
    expect(pairs).toBeGreaterThan(20);
  });

  it('pathways take the credible equivalent at the same price, never the unverifiable copy', () => {
    const copyOnly = [catalogue[0]!, catalogue[1]!, catalogue[4]!];
    const without = createRecommender(scorer).pathway(input(copyOnly, false));
    expect(without.best.steps.map((s) => s.credentialId)).toContain('a-copy');
    const res = createRecommender(scorer).pathway(input(copyOnly));
    for (const p of [res.best, res.cheapest!, res.fastest!]) {
      expect(p.steps.map((s) => s.credentialId)).toContain('b-original');
      expect(p.steps.map((s) => s.credentialId)).not.toContain('a-copy');
    }
  });

  it('pathways still take an unverifiable credential that is cheaper than every credible one', () => {
    const res = createRecommender(scorer).pathway(input([catalogue[1]!, catalogue[3]!]));
    expect(res.cheapest!.steps.map((s) => s.credentialId)).toEqual(['d-cheaper-copy']);
  });

  it('orderByValueThenCredibility groups values within 1e-9 relative and keeps the value order otherwise', () => {
    const r = (credentialId: string, value: number, credibility: CredibilityLevel) => ({ credentialId, value, gain: 0.1, credibility });
    const out = orderByValueThenCredibility([r('a', 0.5, 0), r('b', 0.5 * (1 + 1e-12), 1), r('c', 0.6, 0), r('d', 0.5 * (1 - 1e-6), 2)]);
    expect(out.map((x) => x.credentialId)).toEqual(['c', 'b', 'a', 'd']);
  });
});
