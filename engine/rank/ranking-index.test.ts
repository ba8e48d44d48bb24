import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { TaxonomyData } from '../../taxonomy/model/types.ts';
import { createFitScorer } from '../fit/fit-scorer.ts';
import { profile, skill, tinyGraph } from '../fit/test-fixtures.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import { seededRandom } from '../ports/random.ts';
import { RankErrorCode } from './errors.ts';
import { rankByScan } from './rank-by-scan.ts';
import { createRankingIndex } from './ranking-index.ts';

/** A random forest of skills (parent = a random earlier skill), random relations. */
function randomWorld(seed: number, nSkills: number, nCandidates: number) {
  const rnd = seededRandom(seed);
  const ids = Array.from({ length: nSkills }, (_, i) => `s${String(i).padStart(3, '0')}`);
  const broader = ids.slice(1).flatMap((id, i) => (rnd() < 0.8 ? [{ childId: id, parentId: ids[Math.floor(rnd() * (i + 1))]! }] : []));
  const data: TaxonomyData = {
    skills: ids.map((id) => skill(id)),
    groups: [],
    broader,
    skillRelations: rnd() < 0.5 ? [{ fromId: ids[0]!, toId: ids[nSkills - 1]!, relationType: 'related' }] : [],
    occupations: [],
    occupationSkills: [],
    crosswalk: [],
  };
  const profiles: SkillProfile[] = Array.from({ length: nCandidates }, (_, c) => randomProfile(rnd, ids, `c${(nCandidates - c) * 7 % 1000}-${c}`));
  const role: RoleLike = {
    id: 'r',
    requirements: Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => ({ skillId: ids[Math.floor(rnd() * nSkills)]!, weight: 0.5 + Math.round(rnd() * 3), essential: rnd() < 0.4 })),
  };
  const similarSkills = (id: string) => (id === ids[1] ? [{ skillId: ids[2]!, sim: 0.9 }] : []);
  return { graph: SkillGraph.fromData(data), profiles, role, similarSkills, skillIds: ids, rnd };
}

const STATUSES = ['verified', 'hosted-verified', 'unverified', 'self-claimed'] as const;

/** 0–5 random skills of `ids`, coarse strengths (so ties happen), random verification. */
function randomProfile(rnd: () => number, ids: readonly string[], candidateId: string): SkillProfile {
  const k = Math.floor(rnd() * 6);
  const skills: [string, number, (typeof STATUSES)[number]][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < k; i++) {
    const s = ids[Math.floor(rnd() * ids.length)]!;
    if (seen.has(s)) continue;
    seen.add(s);
    skills.push([s, Math.round(rnd() * 4) / 4, STATUSES[Math.floor(rnd() * 4)]!]);
  }
  return profile(candidateId, skills);
}

describe('createRankingIndex().rank', () => {
  it('equals the naive scan (same ids, same scores bit for bit) on random data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), (seed, top, verifiedOnly) => {
        const w = randomWorld(seed, 25, 60);
        const scorer = createFitScorer({ graph: w.graph, similarSkills: w.similarSkills });
        const index = createRankingIndex(w.graph, w.profiles, { scorer });
        const page = index.rank(w.role, { top, verifiedOnly });
        const naive = rankByScan(scorer, w.role, w.profiles, top, verifiedOnly);
        expect(page.items.map((i) => [i.candidateId, i.score])).toEqual(naive.map((n) => [n.candidateId, n.score]));
        for (const item of page.items) expect(item.fit!.score).toBe(item.score);
        // every score, and paging by cursor with a minimum score, against the naive reference
        const all = rankByScan(scorer, w.role, w.profiles, w.profiles.length, verifiedOnly);
        const scores = index.scores(w.role, { verifiedOnly });
        for (const r of all) expect(scores[index.candidateIds.indexOf(r.candidateId)]).toBe(r.score);
        const minScore = all[Math.floor(all.length / 2)]!.score;
        const wanted = all.filter((r) => r.score >= minScore);
        const paged: [string, number][] = [];
        let cursor: string | null = null;
        do {
          const next = index.rank(w.role, { top, verifiedOnly, minScore, cursor, explain: false });
          expect(next.total).toBe(wanted.length - paged.length);
          paged.push(...next.items.map((i): [string, number] => [i.candidateId, i.score]));
          cursor = next.nextCursor;
        } while (cursor);
        expect(paged).toEqual(wanted.map((r) => [r.candidateId, r.score]));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('pages with a stable cursor through the whole ranking', () => {
    const w = randomWorld(7, 25, 80);
    const index = createRankingIndex(w.graph, w.profiles);
    const all = index.rank(w.role, { top: 80, explain: false }).items.map((i) => i.candidateId);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = index.rank(w.role, { top: 7, cursor, explain: false });
      expect(page.total).toBe(80 - paged.length);
      paged.push(...page.items.map((i) => i.candidateId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('filters by minimum score, organisation and candidate ids', () => {
    const graph = tinyGraph();
    const profiles = [profile('a', [['py', 1]]), profile('b', [['django', 1]]), profile('c', [['comm', 1]])];
    const index = createRankingIndex(graph, profiles, { sharedWith: new Map([['a', ['acme']], ['c', ['acme']]]) });
    const role: RoleLike = { id: 'r', requirements: [{ skillId: 'py', weight: 1, essential: true }] };
    expect(index.rank(role).items.map((i) => i.candidateId)).toEqual(['a', 'b', 'c']);
    expect(index.rank(role, { sharedWith: 'acme' }).items.map((i) => i.candidateId)).toEqual(['a', 'c']);
    expect(index.rank(role, { sharedWith: 'nobody' }).items).toEqual([]);
    expect(index.rank(role, { candidateIds: ['c', 'b', 'zz'] }).items.map((i) => i.candidateId)).toEqual(['b', 'c']);
    expect(index.rank(role, { minScore: 0.5 }).items.map((i) => i.candidateId)).toEqual(['a', 'b']);
  });

  it('is deterministic: ranking twice gives identical output', () => {
    const w = randomWorld(3, 25, 50);
    const a = createRankingIndex(w.graph, w.profiles).rank(w.role, { top: 10 });
    const b = createRankingIndex(w.graph, [...w.profiles].reverse()).rank(w.role, { top: 10 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('rejects a bad cursor, a bad page size and duplicate candidates with coded errors', () => {
    const graph = tinyGraph();
    const index = createRankingIndex(graph, [profile('a', [['py', 1]])]);
    const role: RoleLike = { id: 'r', requirements: [{ skillId: 'py', weight: 1, essential: true }] };
    expect(() => index.rank(role, { cursor: 'nope' })).toThrow(expect.objectContaining({ code: RankErrorCode.InvalidCursor }));
    expect(() => index.rank(role, { top: 0 })).toThrow(/invalid top: 0/);
    expect(() => createRankingIndex(graph, [profile('a', []), profile('a', [])])).toThrow(expect.objectContaining({ code: RankErrorCode.DuplicateCandidate }));
  });
});

describe('createRankingIndex().withChanges', () => {
  const ORGS = ['acme', 'globex', 'initech'];

  it('ranks exactly as a full rebuild and the naive scan after random interleavings of upserts and removes', () => {
    fc.assert(
      // compactAfter 0 merges the segment into the base on most updates, 10⁹ never
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 25 }), fc.boolean(), fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 6, 30, 1e9), (seed, top, verifiedOnly, steps, compactAfter) => {
        const w = randomWorld(seed, 25, 40);
        const rnd = w.rnd;
        const scorer = createFitScorer({ graph: w.graph, similarSkills: w.similarSkills });
        const orgsOf = (): string[] => ORGS.filter(() => rnd() < 0.4);
        // the reference: id → profile and organisations
        const current = new Map(w.profiles.map((p) => [p.candidateId, p]));
        const shared = new Map(w.profiles.map((p) => [p.candidateId, orgsOf()]));
        let index = createRankingIndex(w.graph, w.profiles, { scorer, sharedWith: new Map(shared), compactAfter });
        for (let step = 0; step < steps; step++) {
          const changed = new Map<string, SkillProfile>();
          const removed = new Set<string>();
          const reshared = new Map<string, string[]>();
          const ops = 1 + Math.floor(rnd() * 4);
          const known = [...current.keys()];
          for (let op = 0; op < ops; op++) {
            const u = rnd();
            if (u < 0.35 && known.length > 0) {
              // upsert an existing candidate (sometimes to no skills at all)
              const id = known[Math.floor(rnd() * known.length)]!;
              if (removed.has(id)) continue;
              changed.set(id, rnd() < 0.15 ? profile(id, []) : randomProfile(rnd, w.skillIds, id));
              if (rnd() < 0.5) reshared.set(id, orgsOf());
            } else if (u < 0.7) {
              // a new candidate, id sorting anywhere
              const id = `c${Math.floor(rnd() * 1000)}-n${step}-${op}`;
              if (current.has(id) || removed.has(id)) continue;
              changed.set(id, randomProfile(rnd, w.skillIds, id));
              if (rnd() < 0.7) reshared.set(id, orgsOf());
            } else {
              // remove a candidate (sometimes an unknown id: ignored)
              const id = rnd() < 0.9 && known.length > 0 ? known[Math.floor(rnd() * known.length)]! : 'nobody';
              if (changed.has(id)) continue;
              removed.add(id);
            }
          }
          const before = index;
          const beforePage = JSON.stringify(before.rank(w.role, { top, verifiedOnly }));
          index = index.withChanges([...changed.values()], [...removed], reshared);
          // the old index is untouched
          expect(JSON.stringify(before.rank(w.role, { top, verifiedOnly }))).toBe(beforePage);
          for (const id of removed) {
            current.delete(id);
            shared.delete(id);
          }
          for (const [id, p] of changed) {
            current.set(id, p);
            if (reshared.has(id)) shared.set(id, reshared.get(id)!);
            else if (!shared.has(id)) shared.set(id, []);
          }
        }
        const profiles = [...current.values()];
        const rebuilt = createRankingIndex(w.graph, profiles, { scorer, sharedWith: shared });
        expect(index.size).toBe(profiles.length);
        expect(index.candidateIds).toEqual(rebuilt.candidateIds);
        const naive = rankByScan(scorer, w.role, profiles, top, verifiedOnly);
        const page = index.rank(w.role, { top, verifiedOnly });
        expect(page.items.map((i) => [i.candidateId, i.score])).toEqual(naive.map((n) => [n.candidateId, n.score]));
        expect(JSON.stringify(page)).toBe(JSON.stringify(rebuilt.rank(w.role, { top, verifiedOnly })));
        expect([...index.scores(w.role, { verifiedOnly })]).toEqual([...rebuilt.scores(w.role, { verifiedOnly })]);
        // filters and paging: organisation, candidate ids, minimum score, cursor
        const some = profiles.filter(() => rnd() < 0.5).map((p) => p.candidateId);
        for (const org of [...ORGS, 'nobody']) {
          const q = { top, verifiedOnly, sharedWith: org, explain: false };
          expect(index.rank(w.role, q)).toEqual(rebuilt.rank(w.role, q));
        }
        expect(index.rank(w.role, { top, candidateIds: some })).toEqual(rebuilt.rank(w.role, { top, candidateIds: some }));
        const all = rankByScan(scorer, w.role, profiles, profiles.length, verifiedOnly);
        const minScore = all.length > 0 ? all[Math.floor(all.length / 2)]!.score : 0;
        let cursor: string | null = null;
        do {
          const q = { top, verifiedOnly, minScore, cursor, explain: false };
          const next = index.rank(w.role, q);
          expect(next).toEqual(rebuilt.rank(w.role, q));
          cursor = next.nextCursor;
        } while (cursor);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('rejects a candidate both changed and removed, and a duplicate change, with coded errors', () => {
    const graph = tinyGraph();
    const index = createRankingIndex(graph, [profile('a', [['py', 1]])]);
    expect(() => index.withChanges([profile('a', [])], ['a'])).toThrow(expect.objectContaining({ code: RankErrorCode.InvalidOption }));
    expect(() => index.withChanges([profile('b', []), profile('b', [])])).toThrow(expect.objectContaining({ code: RankErrorCode.DuplicateCandidate }));
    expect(() => createRankingIndex(graph, [], { compactAfter: -1 })).toThrow(/invalid compactAfter: -1/);
  });

  it('looks changed profiles up with profileOf when the index keeps no profiles', () => {
    const graph = tinyGraph();
    const store = new Map([['a', profile('a', [['py', 1, 'self-claimed']])], ['b', profile('b', [['comm', 1]])]]);
    const role: RoleLike = { id: 'r', requirements: [{ skillId: 'py', weight: 1, essential: true }] };
    const index = createRankingIndex(graph, store.values(), { profileOf: (id) => store.get(id) });
    store.set('b', profile('b', [['py', 1, 'verified']]));
    store.set('c', profile('c', [['django', 1]]));
    const next = index.withChanges([store.get('b')!, store.get('c')!]);
    const page = next.rank(role);
    expect(page.items.map((i) => i.candidateId)).toEqual(['b', 'a', 'c']);
    expect(page.items[0]!.fit!.score).toBe(page.items[0]!.score);
  });
});
