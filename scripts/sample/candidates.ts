import type { Award, VerificationStatus } from '../../taxonomy/model/types.ts';
import type { SampleContext } from './context.ts';
import type { CredentialSpec } from './credentials.ts';
import { CITIES, EMPLOYERS, REFERENCE_DATE, SECTORS } from './catalogue.ts';
import { addDays, article, capFirst, clean, spokenLabel } from './text.ts';

/** candidates.json row: the Candidate shape with plain skill URIs, plus generator ground truth. */
export interface CandidateRow {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly sharedWith: readonly string[];
  /** Ground truth: the ESCO occupation the profile was generated from. */
  readonly occupationId: string;
  readonly claimedSkills: readonly string[];
  readonly experience: string;
  /** Ground truth: skills the experience text names. */
  readonly experienceSkills: readonly string[];
}

const COUNT = 1000;
const FIRST = ['ka', 'lo', 'mi', 'ra', 'te', 'vi', 'sa', 'no', 'el', 'an', 'do', 'bri', 'ju', 'ma', 're', 'ta', 'zo', 'fe', 'li', 'or'];
const FIRST_END = ['n', 'ra', 'la', 'ssa', 'vin', 'ro', 'ne', 'dan', 'mi', 'ko', 'lia', 'tt', 'ren', 'ya'];
const LAST = ['hal', 'bro', 'wen', 'mar', 'tor', 'kes', 'dal', 'fin', 'gro', 'pel', 'sto', 'var', 'lin', 'quor', 'ber'];
const LAST_END = ['sby', 'wick', 'ford', 'ling', 'more', 'ridge', 'vale', 'stead', 'holt', 'wyn', 'ton', 'dottir', 'escu', 'ani'];

function syllableName(ctx: SampleContext): string {
  const { rng } = ctx;
  const first = capFirst(rng.pick(FIRST) + (rng.chance(0.5) ? rng.pick(FIRST) : '') + rng.pick(FIRST_END));
  const last = capFirst(rng.pick(LAST) + rng.pick(LAST_END));
  return `${first} ${last}`;
}

function experienceText(ctx: SampleContext, occupationId: string, skills: readonly string[], years: number): string {
  const { rng } = ctx;
  const occ = clean(ctx.occupation(occupationId).preferredLabel);
  const sentences = [
    rng.pick([
      `I have worked as ${article(occ)} ${occ} for ${years} years.`,
      `${years} years of experience as ${article(occ)} ${occ}.`,
      `I started out as a trainee ${occ} ${years} years ago.`,
    ]),
  ];
  for (const id of skills) {
    const skill = ctx.skill(id);
    const label = spokenLabel(rng, skill);
    sentences.push(
      skill.skillType === 'knowledge'
        ? rng.pick([`I have a solid grounding in ${label}.`, `I studied ${label} and use it most days.`, `Colleagues come to me with questions about ${label}.`])
        : rng.pick([`In my last job I had to ${label} every week.`, `I regularly ${label}.`, `My manager relied on me to ${label}.`, `I was trained to ${label} and did so on most shifts.`]),
    );
  }
  return sentences.join(' ');
}

/** ~1,000 fictional candidates (syllable names), each built around one ESCO occupation. */
export function makeCandidates(ctx: SampleContext): CandidateRow[] {
  const { rng } = ctx;
  const out: CandidateRow[] = [];
  for (let i = 0; i < COUNT; i++) {
    const sector = rng.pick(SECTORS);
    const occupationId = rng.pick(sector.occupations);
    const own = [...ctx.occupationSkills(occupationId, 'essential'), ...ctx.occupationSkills(occupationId, 'optional')];
    const claimed = new Set(rng.sample(own, rng.int(3, 6)));
    if (rng.chance(0.15)) {
      const other = rng.pick(sector.occupations);
      claimed.add(rng.pick(ctx.occupationSkills(other, 'essential')));
    }
    const claimedSkills = [...claimed].sort();
    const mentioned = rng.sample(claimedSkills, rng.int(1, 2));
    if (rng.chance(0.3)) {
      const extra = rng.pick(own);
      if (!mentioned.includes(extra)) mentioned.push(extra);
    }
    const inSector = EMPLOYERS.filter((e) => e.sectors.includes(sector.id));
    const shared = new Set([rng.pick(inSector.length > 0 ? inSector : EMPLOYERS).id]);
    for (let k = rng.int(0, 2); k > 0; k--) shared.add(rng.pick(EMPLOYERS).id);
    const city = rng.pick(CITIES);
    out.push({
      id: `urn:sample:candidate:${String(i + 1).padStart(4, '0')}`,
      name: syllableName(ctx),
      location: `${city.city}, ${city.region}`,
      sharedWith: [...shared],
      occupationId,
      claimedSkills,
      experience: experienceText(ctx, occupationId, mentioned, rng.int(2, 15)),
      experienceSkills: mentioned,
    });
  }
  return out;
}

const LEVEL_WEIGHT = { beginner: 3, intermediate: 2, advanced: 1 } as const;
const HELD_COUNTS = [0, 1, 2, 3, 4, 5, 6];
const HELD_WEIGHTS = [15, 15, 20, 20, 14, 10, 6];
const STATUSES: readonly VerificationStatus[] = ['unverified', 'hosted-verified', 'verified', 'self-claimed'];
const STATUS_WEIGHTS = [42, 36, 19, 3];

/**
 * 0–6 awards per candidate, mostly from their own occupation's stack and sector, then cross-sector.
 * A credential is only awarded once all its prerequisites are held, and a certificate only once at
 * least one of its parts is held; issue dates increase along that order. Lapsed ones are `expired`.
 */
export function makeAwards(ctx: SampleContext, candidates: readonly CandidateRow[], credentials: readonly CredentialSpec[]): Award[] {
  const { rng } = ctx;
  const out: Award[] = [];
  for (const cand of candidates) {
    const sector = ctx.sectorOf.get(cand.occupationId);
    const weightOf = (c: CredentialSpec): number =>
      (c.occupationId === cand.occupationId ? 6 : c.sector === sector ? 2 : c.sector === null ? 1.5 : 0.05) * LEVEL_WEIGHT[c.level];
    const held = new Set<CredentialSpec>();
    const target = rng.weighted(HELD_COUNTS, HELD_WEIGHTS);
    let date = addDays('2019-01-01', rng.int(0, 2700));
    for (let k = 0; k < target && date < REFERENCE_DATE; k++) {
      const eligible = credentials.filter(
        (c) => !held.has(c) && c.requires.every((r) => held.has(r)) && (c.hasPart.length === 0 || c.hasPart.some((p) => held.has(p))),
      );
      if (eligible.length === 0) break;
      const chosen = rng.weighted(eligible, eligible.map(weightOf));
      held.add(chosen);
      const expiresOn =
        chosen.kind === 'professional-certificate' ? addDays(date, 4 * 365) : chosen.kind === 'micro-credential' && rng.chance(0.25) ? addDays(date, 3 * 365) : null;
      out.push({
        id: `urn:sample:award:${String(out.length + 1).padStart(5, '0')}`,
        candidateId: cand.id,
        credentialId: chosen.id,
        issuedOn: date,
        expiresOn,
        verification: expiresOn !== null && expiresOn < REFERENCE_DATE ? 'expired' : rng.weighted(STATUSES, STATUS_WEIGHTS),
      });
      date = addDays(date, rng.int(20, 240));
    }
  }
  return out;
}
