/**
 * Credential standing in the sample (issue 20), drawn from its OWN seeded stream after every other record is made, so
 * the rest of the sample is byte-identical with or without it:
 * - a minority of credentials state recognition: CTDL ones `ceterms:accreditedBy` / `ceterms:recognizedBy` a quality
 *   body, OB3 ones an `endorsement` (an EndorsementCredential without proof, so it reads as unverified);
 * - a minority of CTDL credentials state an assessment (a `ceterms:requires` condition whose `targetAssessment` is an
 *   AssessmentProfile with a method type and description); every OB3 Achievement already states `criteria`;
 * - one "unverifiable copy": a micro-credential of a verified sample issuer (given stated accreditation) is copied by
 *   an online provider with no awards at all (its identity can never verify), same skills, level, price and hours.
 *   The recommender and the credential value report show the difference (the issue's acceptance pair).
 */
import type { Award, Role } from '../../taxonomy/model/types.ts';
import type { IssuerSpec } from './catalogue.ts';
import type { CredentialSpec } from './credentials.ts';
import { Rng } from './rng.ts';
import type { SampleAgent, StandingSpec } from './standing-spec.ts';

export type { SampleAgent, StandingSpec };

/** Offset of the standing stream from the sample seed (any constant: it only has to differ from the main stream). */
const STREAM = 0x5a17;
const RECOGNITION_SHARE = 0.15;
const ASSESSMENT_SHARE = 0.2;

export const QUALITY_BODIES: readonly SampleAgent[] = [
  { id: 'https://regional-skills-council.example/org', name: 'Regional Skills Accreditation Council' },
  { id: 'https://apprenticeship-board.example/org', name: 'National Apprenticeship Board' },
  { id: 'https://professional-standards.example/org', name: 'Professional Standards Agency' },
];

/** CTDL AssessmentMethod concepts (https://credreg.net/ctdl/terms/AssessmentMethod). */
const METHODS = [
  { node: 'assessMethod:Exam', name: 'Exam', description: 'A proctored written examination marked against published criteria.' },
  { node: 'assessMethod:Performance', name: 'Performance', description: 'An observed practical task graded by a qualified assessor with a rubric.' },
  { node: 'assessMethod:Artifact', name: 'Artifact', description: 'A portfolio of work reviewed independently by two assessors.' },
] as const;

/** The online provider of the unverifiable copy: no award of it exists in the sample, so its identity never verifies. */
export const UNVERIFIABLE_ISSUER: IssuerSpec = {
  id: 'https://brightpath-online.example/issuer',
  name: 'Brightpath Online Academy',
  url: 'https://brightpath-online.example',
  sectors: [],
};

/** Issuers with at least one verified award and none invalid (engine/value/issuer-credibility.ts). */
function verifiedIssuers(credentials: readonly CredentialSpec[], awards: readonly Award[]): Set<string> {
  const issuerOf = new Map(credentials.map((c) => [c.id, c.issuer.id]));
  const verified = new Set<string>();
  const invalid = new Set<string>();
  for (const a of awards) {
    const issuer = issuerOf.get(a.credentialId);
    if (issuer === undefined) continue;
    if (a.verification === 'verified' || a.verification === 'hosted-verified') verified.add(issuer);
    if (a.verification === 'invalid') invalid.add(issuer);
  }
  return new Set([...verified].filter((i) => !invalid.has(i)));
}

/**
 * Sets `standing` on a seeded minority of `credentials` and returns the unverifiable copy (to append to the list).
 * Run after ids and awards exist.
 */
export function addStanding(seed: number, credentials: readonly CredentialSpec[], awards: readonly Award[], roles: readonly Role[]): { original: CredentialSpec; copy: CredentialSpec } {
  const rng = new Rng(seed + STREAM);
  for (const c of credentials) {
    const recognised = rng.chance(RECOGNITION_SHARE);
    const assessed = c.format === 'ctdl' && rng.chance(ASSESSMENT_SHARE);
    if (!recognised && !assessed) continue;
    const agent = rng.pick(QUALITY_BODIES);
    const kind = c.format === 'ob3' ? 'endorsement' : rng.pick(['accreditedBy', 'recognizedBy'] as const);
    c.standing = { recognition: recognised ? [{ kind, agent, uuid: rng.uuid() }] : [], assessment: assessed ? rng.pick(METHODS) : null };
  }

  // the original: a stand-alone paid micro-credential of a verified issuer whose skills the most roles need (essential
  // requirements count double), the cheapest on a tie; so the pair meets learners in the recommender and the pathways
  const verified = verifiedIssuers(credentials, awards);
  const demand = (c: CredentialSpec): number =>
    roles.reduce((n, r) => n + r.requirements.filter((q) => c.skills.includes(q.skillId)).reduce((m, q) => m + (q.essential ? 2 : 1), 0), 0);
  const original = credentials
    .filter((c) => c.kind === 'micro-credential' && c.sector !== null && c.requires.length === 0 && c.isPartOf.length === 0 && c.cost > 0 && verified.has(c.issuer.id))
    .map((c) => ({ c, d: demand(c) }))
    .sort((a, b) => b.d - a.d || a.c.cost - b.c.cost || (a.c.id < b.c.id ? -1 : 1))[0]?.c;
  if (!original) throw new Error('the sample has no stand-alone paid micro-credential of a verified issuer to copy');
  const agent = QUALITY_BODIES[0]!;
  const kind = original.format === 'ob3' ? 'endorsement' : 'accreditedBy';
  original.standing = { recognition: [{ kind, agent, uuid: rng.uuid() }], assessment: original.standing?.assessment ?? null };
  const copy: CredentialSpec = {
    ...original,
    format: 'ob3',
    id: `${UNVERIFIABLE_ISSUER.url}/achievements/${rng.uuid()}`,
    ctid: null,
    issuer: UNVERIFIABLE_ISSUER,
    name: `${original.name} (Online)`,
    description: original.description.replace(original.issuer.name, UNVERIFIABLE_ISSUER.name),
    criteria: 'Complete the online modules and a self-marked quiz.',
    requires: [],
    isPartOf: [],
    hasPart: [],
  };
  delete copy.standing;
  return { original, copy };
}
