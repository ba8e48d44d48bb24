import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { RecordsBatch } from '../model/types.ts';

/** The kinds of thing a record can point at. */
export type ReferenceKind = 'skill' | 'occupation' | 'credential' | 'candidate' | 'posting';

/** One reference from a record to another entity, with the field it sits in. */
export interface RecordReference {
  readonly kind: ReferenceKind;
  readonly id: string;
  readonly field: string;
}

const BATCH_KIND = { credentials: 'credential', candidates: 'candidate', postings: 'posting' } as const;

/** Every reference in a batch, in batch order. Stores collect these to check them in one go. */
export function batchReferences(batch: RecordsBatch): RecordReference[] {
  const refs: RecordReference[] = [];
  const add = (kind: ReferenceKind, id: string, field: string): void => void refs.push({ kind, id, field });
  batch.credentials?.forEach((c, i) => {
    c.skills.forEach((l, j) => add('skill', l.skillId, `credentials[${i}].skills[${j}].skillId`));
    c.requires.forEach((id, j) => add('credential', id, `credentials[${i}].requires[${j}]`));
    c.isPartOf.forEach((id, j) => add('credential', id, `credentials[${i}].isPartOf[${j}]`));
  });
  batch.candidates?.forEach((c, i) => c.claimedSkills.forEach((l, j) => add('skill', l.skillId, `candidates[${i}].claimedSkills[${j}].skillId`)));
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
 * Checks a records batch before any write: ids are non-empty and unique per kind within the batch
 * (DUPLICATE_ID), and every reference names an entity in the batch itself or one `isKnown` reports
 * as stored (UNKNOWN_REFERENCE). Throws the first problem with `location.field`.
 */
export function validateRecords(batch: RecordsBatch, isKnown: (kind: ReferenceKind, id: string) => boolean): void {
  const inBatch = new Map<ReferenceKind, Set<string>>();
  for (const key of ['credentials', 'candidates', 'awards', 'postings', 'roles'] as const) {
    const seen = new Set<string>();
    (batch[key] ?? []).forEach((r, i) => {
      const field = `${key}[${i}].id`;
      if (typeof r.id !== 'string' || r.id === '') {
        throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `id must be a non-empty string, got ${JSON.stringify(r.id)}`, { field });
      }
      if (seen.has(r.id)) throw new TaxonomyError(TaxonomyErrorCode.DuplicateId, `duplicate id ${r.id} in one batch`, { field });
      seen.add(r.id);
    });
    if (key in BATCH_KIND) inBatch.set(BATCH_KIND[key as keyof typeof BATCH_KIND], seen);
  }
  for (const ref of batchReferences(batch)) {
    if (inBatch.get(ref.kind)?.has(ref.id) || isKnown(ref.kind, ref.id)) continue;
    throw new TaxonomyError(TaxonomyErrorCode.UnknownReference, `unknown ${ref.kind} ${JSON.stringify(ref.id)}`, { field: ref.field });
  }
}
