/**
 * Seeded generators shared by bench/ranking.ts and bench/pathway.ts: a skill pool drawn from real ESCO
 * (when `../shared/datasets/esco-v1.1.1` is there) or a generated hierarchy, candidates, roles and
 * credential catalogues. Everything is a pure function of the seed.
 */
import { existsSync } from 'node:fs';
import { seededRandom } from '../engine/ports/random.ts';
import type { RandomSource } from '../engine/ports/random.ts';
import type { RoleLike } from '../engine/fit/types.ts';
import type { Evidence, ProfileSkill, SkillProfile } from '../engine/profile/types.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Credential, Skill, TaxonomyData } from '../taxonomy/model/types.ts';

export interface World {
  readonly graph: SkillGraph;
  /** Skills candidates, roles and credentials draw from (a few thousand). */
  readonly pool: readonly string[];
  readonly source: 'esco-v1.1.1' | 'generated';
}

function generatedTaxonomy(seed: number, nSkills: number): TaxonomyData {
  const rnd = seededRandom(seed);
  const skills: Skill[] = [];
  const broader: { childId: string; parentId: string }[] = [];
  const groups = Array.from({ length: 40 }, (_, i) => ({ id: `g${i}`, source: 'custom' as const, code: `S${i}`, preferredLabel: `group ${i}`, description: '' }));
  for (let i = 1; i < 40; i++) broader.push({ childId: `g${i}`, parentId: `g${Math.floor(rnd() * Math.min(i, 4))}` });
  for (let i = 0; i < nSkills; i++) {
    const id = `s${i}`;
    skills.push({ id, source: 'custom', preferredLabel: id, altLabels: [], hiddenLabels: [], description: '', skillType: 'skill/competence', reuseLevel: '' });
    if (i > 50 && rnd() < 0.5) broader.push({ childId: id, parentId: `s${Math.floor(rnd() * i)}` });
    else broader.push({ childId: id, parentId: `g${4 + Math.floor(rnd() * 36)}` });
  }
  return { skills, groups, broader, skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] };
}

export async function loadWorld(seed: number, poolSize = 3000): Promise<World> {
  const dir = sharedPath('datasets', 'esco-v1.1.1');
  let data: TaxonomyData;
  let source: World['source'];
  if (existsSync(dir) && process.env['BENCH_GENERATED'] !== '1') {
    data = await loadEsco(dir);
    source = 'esco-v1.1.1';
  } else {
    data = generatedTaxonomy(seed, 6000);
    source = 'generated';
  }
  const graph = SkillGraph.fromData(data);
  const rnd = seededRandom(seed);
  const ids = data.skills.map((s) => s.id).sort();
  // partial Fisher–Yates: a seeded sample of poolSize skills
  for (let i = 0; i < poolSize && i < ids.length; i++) {
    const j = i + Math.floor(rnd() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return { graph, pool: ids.slice(0, Math.min(poolSize, ids.length)).sort(), source };
}

const VERIFIED: Evidence = Object.freeze({ id: 'e', kind: 'award', skillId: '', awardId: null, credentialId: null, issuerId: null, issuedOn: null, source: '', span: null, verification: 'verified', linkConfidence: 1, confidence: 1, factors: {} });
const CLAIMED: Evidence = Object.freeze({ ...VERIFIED, kind: 'claim', verification: 'self-claimed' });

/** A skewed draw: popular skills (low indices) come up more often. */
const skewed = (rnd: RandomSource, n: number): number => Math.floor(n * rnd() ** 2);

export const candidateId = (i: number): string => `cand-${String(i).padStart(8, '0')}`;

/** Candidate i's skills as (pool index, strength, verified); a pure function of (seed, i). */
export function candidateSkills(seed: number, i: number, poolSize: number): { skill: number[]; strength: number[]; verified: boolean[] } {
  const rnd = seededRandom((seed * 1_000_003 + i * 2_654_435_761) >>> 0);
  const k = 5 + Math.floor(rnd() * 11);
  const seen = new Set<number>();
  const out = { skill: [] as number[], strength: [] as number[], verified: [] as boolean[] };
  for (let t = 0; t < k; t++) {
    const s = skewed(rnd, poolSize);
    if (seen.has(s)) continue;
    seen.add(s);
    out.skill.push(s);
    out.strength.push(Math.round((0.3 + 0.7 * rnd()) * 20) / 20);
    out.verified.push(rnd() < 0.5);
  }
  return out;
}

export function candidateProfile(world: World, seed: number, i: number): SkillProfile {
  const c = candidateSkills(seed, i, world.pool.length);
  const skills = new Map<string, ProfileSkill>();
  c.skill.forEach((s, t) => {
    const skillId = world.pool[s]!;
    skills.set(skillId, { skillId, strength: c.strength[t]!, evidence: [c.verified[t] ? VERIFIED : CLAIMED] });
  });
  return { candidateId: candidateId(i), asOf: '2026-01-01T00:00:00Z', skills };
}

export function* candidateProfiles(world: World, seed: number, n: number): Generator<SkillProfile> {
  for (let i = 0; i < n; i++) yield candidateProfile(world, seed, i);
}

export function randomRole(world: World, rnd: RandomSource, size = 20, id = 'role'): RoleLike {
  const chosen = new Set<string>();
  while (chosen.size < size) chosen.add(world.pool[skewed(rnd, world.pool.length)]!);
  return {
    id,
    requirements: [...chosen].sort().map((skillId, j) => ({ skillId, weight: 0.5 + Math.round(rnd() * 10) / 20, essential: j % 3 === 0 })),
  };
}

export function randomCatalogue(world: World, rnd: RandomSource, n: number, roleSkills: readonly string[] = []): Credential[] {
  const out: Credential[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + Math.floor(rnd() * 4);
    const skills = new Set<string>();
    for (let t = 0; t < k; t++) {
      // a third of the skills come from the role, so credentials are relevant
      skills.add(roleSkills.length > 0 && rnd() < 0.35 ? roleSkills[Math.floor(rnd() * roleSkills.length)]! : world.pool[skewed(rnd, world.pool.length)]!);
    }
    const requires: string[] = [];
    if (i > 0 && rnd() < 0.3) requires.push(`cred-${Math.floor(rnd() * i)}`);
    if (i > 0 && rnd() < 0.05) requires.push(`cred-${Math.floor(rnd() * i)}`);
    out.push({
      id: `cred-${i}`,
      format: 'sample',
      name: `credential ${i}`,
      description: '',
      issuer: { id: 'issuer', name: 'Issuer' },
      credentialType: 'course',
      level: '',
      cost: Math.round(20 + rnd() * 480),
      hours: Math.round(2 + rnd() * 60),
      skills: [...skills].map((skillId) => ({ skillId, confidence: 0.6 + 0.4 * rnd(), provenance: { kind: 'alignment' as const, source: 'alignment', span: null } })),
      requires: [...new Set(requires)],
      isPartOf: rnd() < 0.2 ? [`stack-${Math.floor(rnd() * 50)}`] : [],
    });
  }
  return out;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
