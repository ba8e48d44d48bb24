/**
 * `createProfileBuilder(opts)`: a candidate's skill profile from awards, claims and experience links.
 * Pure and deterministic: `now` comes in with the input, evidence is ordered by confidence then id,
 * skills by strength then id.
 */
import type { Award, Credential, SkillLink, VerificationStatus } from '../../taxonomy/model/types.ts';
import { combineStrength } from './combine.ts';
import type { CodedError } from '../../taxonomy/model/coded-error.ts';
import { profileError } from './errors.ts';
import { awardFactors, confidenceOf, selfStatedFactors, statusAt, type AwardFactors } from './evidence-confidence.ts';
import { resolveProfileOptions, VERIFICATION_STATUSES } from './options.ts';
import type { Evidence, EvidenceKind, ProfileBuilder, ProfileInput, ProfileOptions, ProfileSkill, ResolvedProfileOptions, SkillProfile } from './types.ts';

function bad(field: string, problem: string): CodedError {
  return profileError('INVALID_INPUT', { field, problem }, field);
}

function parseTime(field: string, value: unknown): number {
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw bad(field, `expected an ISO 8601 date, got ${JSON.stringify(value)}`);
  return ms;
}

function checkLink(field: string, link: SkillLink): void {
  if (typeof link?.skillId !== 'string' || link.skillId === '') throw bad(`${field}.skillId`, 'expected a non-empty skill id');
  const c = link.confidence;
  if (typeof c !== 'number' || !Number.isFinite(c) || c < 0 || c > 1) throw bad(`${field}.confidence`, `expected a number in [0, 1], got ${String(c)}`);
}

/** Evidence ordering: confidence descending, then id (code-unit order, locale independent). */
function byConfidenceThenId(a: Evidence, b: Evidence): number {
  return b.confidence - a.confidence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function evidence(
  id: string,
  kind: EvidenceKind,
  link: SkillLink,
  status: VerificationStatus,
  factors: AwardFactors,
  award: { award: Award; credential: Credential } | null,
): Evidence {
  return {
    id,
    kind,
    skillId: link.skillId,
    awardId: award?.award.id ?? null,
    credentialId: award?.credential.id ?? null,
    issuerId: award?.credential.issuer.id ?? null,
    issuedOn: award?.award.issuedOn ?? null,
    source: link.provenance?.source ?? '',
    span: link.provenance?.span ?? null,
    verification: status,
    linkConfidence: link.confidence,
    confidence: confidenceOf(factors),
    factors: { ...factors },
  };
}

/** The best link per skill of one credential (highest confidence, ties by provenance source). */
function bestLinks(credential: Credential): SkillLink[] {
  const best = new Map<string, SkillLink>();
  credential.skills.forEach((link, i) => {
    checkLink(`credentials[${JSON.stringify(credential.id)}].skills[${i}]`, link);
    const held = best.get(link.skillId);
    const source = link.provenance?.source ?? '';
    if (!held || link.confidence > held.confidence || (link.confidence === held.confidence && source < (held.provenance?.source ?? ''))) {
      best.set(link.skillId, link);
    }
  });
  return [...best.values()];
}

function credentialMap(credentials: ProfileInput['credentials']): ReadonlyMap<string, Credential> {
  if (credentials instanceof Map) return credentials;
  if (!Array.isArray(credentials)) throw bad('credentials', 'expected a Map or an array of credentials');
  const map = new Map<string, Credential>();
  credentials.forEach((credential: Credential, i: number) => {
    if (map.has(credential.id)) throw bad(`credentials[${i}].id`, `duplicate credential id ${JSON.stringify(credential.id)}`);
    map.set(credential.id, credential);
  });
  return map;
}

function build(input: ProfileInput, options: ResolvedProfileOptions): SkillProfile {
  const nowMs = parseTime('now', input?.now);
  const { candidate } = input;
  if (typeof candidate?.id !== 'string' || candidate.id === '') throw bad('candidate.id', 'expected a non-empty candidate id');
  const credentials = credentialMap(input.credentials);
  const all: Evidence[] = [];

  const seenAwards = new Set<string>();
  input.awards.forEach((award, i) => {
    const field = `awards[${i}]`;
    if (seenAwards.has(award.id)) throw bad(`${field}.id`, `duplicate award id ${JSON.stringify(award.id)}`);
    seenAwards.add(award.id);
    if (award.candidateId !== candidate.id) throw bad(`${field}.candidateId`, `award ${award.id} belongs to ${award.candidateId}, not ${candidate.id}`);
    if (!VERIFICATION_STATUSES.includes(award.verification)) throw bad(`${field}.verification`, `unknown status ${JSON.stringify(award.verification)}`);
    const credential = credentials.get(award.credentialId);
    if (!credential) {
      throw profileError('UNKNOWN_CREDENTIAL', { field: `${field}.credentialId`, credential: JSON.stringify(award.credentialId) }, `${field}.credentialId`);
    }
    const issuedOnMs = parseTime(`${field}.issuedOn`, award.issuedOn);
    const expiresOnMs = award.expiresOn === null ? null : parseTime(`${field}.expiresOn`, award.expiresOn);
    const status = statusAt(award, expiresOnMs, nowMs);
    for (const link of bestLinks(credential)) {
      const factors = awardFactors(status, credential.issuer.id, issuedOnMs, nowMs, link.confidence, options);
      all.push(evidence(`award:${award.id}`, 'award', link, status, factors, { award, credential }));
    }
  });

  const selfStated = (kind: 'claim' | 'experience', links: readonly SkillLink[], field: string): void => {
    links.forEach((link, i) => {
      checkLink(`${field}[${i}]`, link);
      all.push(evidence(`${kind}:${i}`, kind, link, 'self-claimed', selfStatedFactors(link.confidence, options), null));
    });
  };
  selfStated('claim', candidate.claimedSkills ?? [], 'candidate.claimedSkills');
  selfStated('experience', input.experienceLinks ?? [], 'experienceLinks');

  const bySkill = new Map<string, Evidence[]>();
  for (const e of all) {
    const list = bySkill.get(e.skillId);
    if (list) list.push(e);
    else bySkill.set(e.skillId, [e]);
  }
  const skills: ProfileSkill[] = [...bySkill].map(([skillId, list]) => {
    list.sort(byConfidenceThenId);
    return { skillId, strength: combineStrength(list, options.combine), evidence: list };
  });
  skills.sort((a, b) => b.strength - a.strength || (a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0));
  return {
    candidateId: candidate.id,
    asOf: new Date(nowMs).toISOString(),
    skills: new Map(skills.map((s) => [s.skillId, s])),
  };
}

/** Checks `opts` once (`invalid <option>: <value>`), then builds profiles with them. */
export function createProfileBuilder(opts: ProfileOptions = {}): ProfileBuilder {
  const options = resolveProfileOptions(opts);
  return { options, build: (input) => build(input, options) };
}
