import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { RecordsBatch } from '../model/types.ts';
import { arrayOf, boolean, checkCollection, describeValue, id, isoDate, maxLength, nonNegative, nullable, oneOf, optional, positive, shape, span, string, unit, type Check } from './field-checks.ts';

/** The kinds of thing a record can point at. */
export type ReferenceKind = 'skill' | 'occupation' | 'credential' | 'candidate' | 'posting';

/** One reference from a record to another entity, with the field it sits in. */
export interface RecordReference {
  readonly kind: ReferenceKind;
  readonly id: string;
  readonly field: string;
}

const BATCH_KIND = { credentials: 'credential', candidates: 'candidate', postings: 'posting' } as const;
const RECORD_KEYS = ['credentials', 'candidates', 'awards', 'postings', 'roles'] as const;

const provenance = shape({ kind: oneOf(['alignment', 'text', 'catalogue', 'claim', 'taxonomy']), source: string, span: nullable(span) });
const skillLinks = arrayOf(shape({ skillId: id, confidence: unit, provenance }));
const standing = shape({
  recognition: arrayOf(
    shape({
      kind: oneOf(['accreditedBy', 'recognizedBy', 'approvedBy', 'regulatedBy', 'endorsement']),
      agentId: string,
      agentName: string,
      source: string,
      verification: oneOf(['verified', 'unverified', 'invalid', 'stated']),
    }),
  ),
  assessment: arrayOf(shape({ kind: oneOf(['assessment', 'criteria', 'result-description']), description: maxLength(500), source: string })),
});
/** The field types of `taxonomy/model/types.ts`, per record kind: [batch key, record kind, check]. */
const RECORD_FIELDS: readonly (readonly [keyof RecordsBatch, string, Check])[] = [
  [
    'credentials',
    'credential',
    shape({
      id,
      format: oneOf(['ob2', 'ob3', 'clr', 'ctdl', 'catalogue', 'sample']),
      name: string,
      description: string,
      issuer: shape({ id: string, name: string }),
      credentialType: string,
      level: string,
      cost: nullable(nonNegative),
      hours: nullable(nonNegative),
      skills: skillLinks,
      requires: arrayOf(id),
      isPartOf: arrayOf(id),
      standing: optional(standing),
    }),
  ],
  ['candidates', 'candidate', shape({ id, name: string, sharedWith: arrayOf(string), claimedSkills: skillLinks, experience: string, location: string, experienceSkills: optional(skillLinks) })],
  [
    'awards',
    'award',
    shape({
      id,
      candidateId: id,
      credentialId: id,
      issuedOn: isoDate,
      expiresOn: nullable(isoDate),
      verification: oneOf(['verified', 'hosted-verified', 'unverified', 'self-claimed', 'invalid', 'expired', 'unverifiable']),
    }),
  ],
  [
    'postings',
    'posting',
    shape({ id, title: string, description: string, organisationId: string, datePosted: isoDate, occupationId: nullable(id), location: string, skills: skillLinks }),
  ],
  [
    'roles',
    'role',
    shape({
      id,
      title: string,
      organisationId: string,
      postingId: nullable(id),
      occupationId: nullable(id),
      requirements: arrayOf(shape({ skillId: id, weight: positive, essential: boolean })),
    }),
  ],
];

/**
 * Checks every field of every record against its type in `taxonomy/model/types.ts` (strings, string
 * arrays, enum values, finite numbers or null where allowed, confidences in [0, 1], weights > 0,
 * ISO 8601 dates, SkillLink / Provenance / Requirement shapes). Throws ONE TaxonomyError
 * INVALID_VALUE at the first misfit, naming the record kind, its id and the field
 * (`credentials[3].hours`). Run it before `batchReferences`, which trusts the shapes.
 */
export function validateRecordFields(batch: RecordsBatch): void {
  if (typeof batch !== 'object' || batch === null || Array.isArray(batch)) {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `a records batch must be an object, got ${describeValue(batch)}`, { field: '' });
  }
  for (const [key, kind, check] of RECORD_FIELDS) checkCollection(key, kind, batch[key], check, true);
}

/** Every reference in a batch, in batch order. Stores collect these to check them in one go. */
export function batchReferences(batch: RecordsBatch): RecordReference[] {
  const refs: RecordReference[] = [];
  const add = (kind: ReferenceKind, id: string, field: string): void => void refs.push({ kind, id, field });
  batch.credentials?.forEach((c, i) => {
    c.skills.forEach((l, j) => add('skill', l.skillId, `credentials[${i}].skills[${j}].skillId`));
    c.requires.forEach((id, j) => add('credential', id, `credentials[${i}].requires[${j}]`));
    c.isPartOf.forEach((id, j) => add('credential', id, `credentials[${i}].isPartOf[${j}]`));
  });
  batch.candidates?.forEach((c, i) => {
    c.claimedSkills.forEach((l, j) => add('skill', l.skillId, `candidates[${i}].claimedSkills[${j}].skillId`));
    c.experienceSkills?.forEach((l, j) => add('skill', l.skillId, `candidates[${i}].experienceSkills[${j}].skillId`));
  });
  batch.awards?.forEach((a, i) => {
    add('candidate', a.candidateId, `awards[${i}].candidateId`);
    add('credential', a.credentialId, `awards[${i}].credentialId`);
  });
  batch.postings?.forEach((p, i) => {
    if (p.occupationId !== null) add('occupation', p.occupationId, `postings[${i}].occupationId`);
    p.skills.forEach((l, j) => add('skill', l.skillId, `postings[${i}].skills[${j}].skillId`));
  });
  batch.roles?.forEach((r, i) => {
    if (r.postingId !== null) add('posting', r.postingId, `roles[${i}].postingId`);
    if (r.occupationId !== null) add('occupation', r.occupationId, `roles[${i}].occupationId`);
    r.requirements.forEach((q, j) => add('skill', q.skillId, `roles[${i}].requirements[${j}].skillId`));
  });
  return refs;
}

/**
 * The id checks of a well-typed batch (after `validateRecordFields`): ids are unique per kind within
 * the batch (DUPLICATE_ID), and every reference names an entity in the batch itself or one `isKnown`
 * reports as stored (UNKNOWN_REFERENCE). Throws the first problem with `location.field`.
 */
export function validateRecordReferences(batch: RecordsBatch, isKnown: (kind: ReferenceKind, id: string) => boolean): void {
  const inBatch = new Map<ReferenceKind, Set<string>>();
  for (const key of RECORD_KEYS) {
    const seen = new Set<string>();
    (batch[key] ?? []).forEach((r, i) => {
      if (seen.has(r.id)) throw new TaxonomyError(TaxonomyErrorCode.DuplicateId, `duplicate id ${r.id} in one batch`, { field: `${key}[${i}].id` });
      seen.add(r.id);
    });
    if (key in BATCH_KIND) inBatch.set(BATCH_KIND[key as keyof typeof BATCH_KIND], seen);
  }
  for (const ref of batchReferences(batch)) {
    if (inBatch.get(ref.kind)?.has(ref.id) || isKnown(ref.kind, ref.id)) continue;
    throw new TaxonomyError(TaxonomyErrorCode.UnknownReference, `unknown ${ref.kind} ${JSON.stringify(ref.id)}`, { field: ref.field });
  }
}

/**
 * Checks a records batch before any write: field types (`validateRecordFields`, INVALID_VALUE), then
 * ids and references (`validateRecordReferences`, DUPLICATE_ID, UNKNOWN_REFERENCE).
 */
export function validateRecords(batch: RecordsBatch, isKnown: (kind: ReferenceKind, id: string) => boolean): void {
  validateRecordFields(batch);
  validateRecordReferences(batch, isKnown);
}
