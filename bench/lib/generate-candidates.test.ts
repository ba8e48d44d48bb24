import { describe, expect, it } from 'vitest';
import { loadSample } from '../../taxonomy/loaders/sample.ts';
import { generateCandidateBatches, type CandidateWorld } from './generate-candidates.ts';

const sample = await loadSample();
const world: CandidateWorld = { credentials: sample.records.credentials!, roles: sample.records.roles!, skills: sample.taxonomy.skills };
const all = (count: number, seed: number, batchSize?: number) => [...generateCandidateBatches(world, { count, seed, ...(batchSize !== undefined ? { batchSize } : {}) })];

describe('generateCandidateBatches', () => {
  it('yields the asked number of candidates in batches of batchSize, with unique ids', () => {
    const batches = all(2_500, 7, 1_000);
    expect(batches.map((b) => b.candidates.length)).toEqual([1_000, 1_000, 500]);
    const ids = batches.flatMap((b) => b.candidates.map((c) => c.id));
    expect(new Set(ids).size).toBe(2_500);
    const awardIds = batches.flatMap((b) => b.awards.map((a) => a.id));
    expect(new Set(awardIds).size).toBe(awardIds.length);
  });

  it('is a pure function of the seed', () => {
    expect(JSON.stringify(all(300, 11))).toBe(JSON.stringify(all(300, 11)));
    expect(JSON.stringify(all(300, 11))).not.toBe(JSON.stringify(all(300, 12)));
  });

  it('references only sample credentials, skills and organisations, and awards only its own candidates', () => {
    const credentials = new Set(world.credentials.map((c) => c.id));
    const skills = new Set(world.skills.map((s) => s.id));
    const orgs = new Set(world.roles.map((r) => r.organisationId));
    for (const { candidates, awards } of all(1_000, 3)) {
      const here = new Set(candidates.map((c) => c.id));
      for (const a of awards) {
        expect(credentials.has(a.credentialId)).toBe(true);
        expect(here.has(a.candidateId)).toBe(true);
      }
      for (const c of candidates) {
        for (const s of c.claimedSkills) expect(skills.has(s.skillId)).toBe(true);
        for (const o of c.sharedWith) expect(orgs.has(o)).toBe(true);
        expect(c.name).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
      }
    }
  });

  it('gives plausible people: about 2 awards and 5 claimed skills each, with mixed verification', () => {
    const [{ candidates, awards }] = all(2_000, 5, 2_000) as [ReturnType<typeof all>[number]];
    expect(awards.length / candidates.length).toBeGreaterThan(1.5);
    expect(awards.length / candidates.length).toBeLessThan(3);
    const claims = candidates.reduce((s, c) => s + c.claimedSkills.length, 0) / candidates.length;
    expect(claims).toBeGreaterThan(3);
    expect(claims).toBeLessThan(8);
    expect(new Set(awards.map((a) => a.verification)).size).toBeGreaterThanOrEqual(4);
  });

  it('refuses bad options with one clear error', () => {
    expect(() => all(-1, 1)).toThrow('invalid count: -1');
    expect(() => all(10, 1.5)).toThrow('invalid seed: 1.5');
    expect(() => all(10, 1, 0)).toThrow('invalid batchSize: 0');
  });
});
