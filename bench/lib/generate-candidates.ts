/**
 * Seeded generated candidates for load tests (bench/api-load.ts, scripts/load-soak.ts): people who hold
 * plausible awards of the sample credentials and claim plausible skills, each following a "track"
 * (one of the sample roles) so rankings have real structure. Pure function of the seed and the world.
 */
import { seededRandom, type RandomSource } from '../../engine/ports/random.ts';
import type { Award, Candidate, Credential, RecordsBatch, Role, SkillLink, VerificationStatus } from '../../taxonomy/model/types.ts';

/** What the generator draws from: the sample credentials, roles and skills. */
export interface CandidateWorld {
  readonly credentials: readonly Credential[];
  readonly roles: readonly Role[];
  readonly skills: readonly { readonly id: string; readonly preferredLabel: string }[];
}

export interface GenerateOptions {
  /** How many candidates. */
  readonly count: number;
  readonly seed: number;
  /** Candidates (with their awards) per yielded batch; default 5000. */
  readonly batchSize?: number;
  /** Id prefix; default `urn:bench`. */
  readonly prefix?: string;
}

const SYLLABLES = ['an', 'bel', 'cor', 'da', 'el', 'fi', 'gar', 'ha', 'is', 'jo', 'ka', 'lin', 'mo', 'na', 'or', 'pe', 'qui', 'ra', 'sa', 'tor', 'u', 'vi', 'wen', 'ya', 'zel'];
const PLACES = ['Raleigh, NC', 'Tucson, AZ', 'Leeds', 'Lyon', 'Porto', 'Austin, TX', 'Dublin', 'Gdańsk', 'Toronto, ON', 'Remote'];
/** Cumulative weights of the award count 0…5. */
const AWARD_COUNT_CDF = [0.15, 0.4, 0.65, 0.85, 0.95, 1];
const VERIFICATION: readonly [VerificationStatus, number][] = [
  ['verified', 0.4],
  ['hosted-verified', 0.55],
  ['unverified', 0.8],
  ['self-claimed', 0.9],
  ['expired', 1],
];

function check(opts: GenerateOptions): void {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error(`invalid count: ${opts.count}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`invalid seed: ${opts.seed}`);
  if (opts.batchSize !== undefined && (!Number.isInteger(opts.batchSize) || opts.batchSize < 1)) throw new Error(`invalid batchSize: ${opts.batchSize}`);
}

const pick = <T>(rnd: RandomSource, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function name(rnd: RandomSource): string {
  const word = (n: number): string => {
    let w = '';
    for (let i = 0; i < n; i++) w += pick(rnd, SYLLABLES);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  return `${word(2)} ${word(2 + Math.floor(rnd() * 2))}`;
}

function isoDate(rnd: RandomSource, fromYear: number, toYear: number): string {
  const ms = Date.UTC(fromYear, 0, 1) + rnd() * (Date.UTC(toYear, 0, 1) - Date.UTC(fromYear, 0, 1));
  return new Date(ms).toISOString().slice(0, 10);
}

/** Per role: the credentials teaching at least one of its requirements, most overlapping first. */
function relevantCredentials(world: CandidateWorld): Map<string, Credential[]> {
  const out = new Map<string, Credential[]>();
  for (const role of world.roles) {
    const req = new Set(role.requirements.map((r) => r.skillId));
    const scored = world.credentials
      .map((c) => ({ c, n: c.skills.filter((s) => req.has(s.skillId)).length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || (a.c.id < b.c.id ? -1 : 1));
    out.set(role.id, scored.map((x) => x.c));
  }
  return out;
}

/** Yields batches of generated candidates with their awards (ids `<prefix>:candidate:000001`…). */
export function* generateCandidateBatches(world: CandidateWorld, opts: GenerateOptions): Generator<Required<Pick<RecordsBatch, 'candidates' | 'awards'>>> {
  check(opts);
  if (world.roles.length === 0 || world.credentials.length === 0 || world.skills.length === 0) throw new Error('invalid world: needs roles, credentials and skills');
  const rnd = seededRandom(opts.seed);
  const prefix = opts.prefix ?? 'urn:bench';
  const batchSize = opts.batchSize ?? 5000;
  const relevant = relevantCredentials(world);
  const labels = new Map(world.skills.map((s) => [s.id, s.preferredLabel]));
  const orgs = [...new Set(world.roles.map((r) => r.organisationId))].sort();
  const width = Math.max(6, String(opts.count).length);
  let awardSeq = 0;
  let candidates: Candidate[] = [];
  let awards: Award[] = [];
  for (let i = 1; i <= opts.count; i++) {
    const id = `${prefix}:candidate:${String(i).padStart(width, '0')}`;
    const track = pick(rnd, world.roles);
    const near = relevant.get(track.id)!;
    // awards: mostly credentials relevant to the track, some from anywhere
    const u = rnd();
    const nAwards = AWARD_COUNT_CDF.findIndex((p) => u < p);
    const held = new Set<string>();
    for (let k = 0; k < nAwards * 3 && held.size < nAwards; k++) {
      const pool = near.length > 0 && rnd() < 0.7 ? near.slice(0, 12) : world.credentials;
      held.add(pick(rnd, pool).id);
    }
    for (const credentialId of held) {
      const v = rnd();
      const verification = VERIFICATION.find(([, p]) => v < p)![0];
      const issuedOn = isoDate(rnd, 2016, 2026);
      const expiresOn = verification === 'expired' ? isoDate(rnd, 2019, 2025) : rnd() < 0.2 ? isoDate(rnd, 2027, 2031) : null;
      awards.push({ id: `${prefix}:award:${String(++awardSeq).padStart(width + 1, '0')}`, candidateId: id, credentialId, issuedOn, expiresOn, verification });
    }
    // claimed skills: most from the track's requirements, the rest anywhere
    const nClaims = 2 + Math.floor(rnd() * 7);
    const claims = new Set<string>();
    for (let k = 0; k < nClaims * 3 && claims.size < nClaims; k++) {
      claims.add(rnd() < 0.6 && track.requirements.length > 0 ? pick(rnd, track.requirements).skillId : pick(rnd, world.skills).id);
    }
    const claimedSkills: SkillLink[] = [...claims].map((skillId, k) => ({ skillId, confidence: 1, provenance: { kind: 'claim', source: `claimedSkills[${k}]`, span: null } }));
    const sharedWith = new Set<string>();
    if (rnd() < 0.7) sharedWith.add(track.organisationId);
    if (rnd() < 0.3) sharedWith.add(pick(rnd, orgs));
    const mentioned = [...claims].slice(0, 2).map((s) => labels.get(s) ?? 'teamwork');
    const experience = `${1 + Math.floor(rnd() * 20)} years of experience as a ${track.title.toLowerCase()}. I use ${mentioned.join(' and ')} most days.`;
    candidates.push({ id, name: name(rnd), sharedWith: [...sharedWith], claimedSkills, experience, location: pick(rnd, PLACES) });
    if (candidates.length === batchSize) {
      yield { candidates, awards };
      candidates = [];
      awards = [];
    }
  }
  if (candidates.length > 0) yield { candidates, awards };
}
