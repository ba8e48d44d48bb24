import { createHash } from 'node:crypto';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { Candidate, Credential, JobPosting, SkillLink } from '../model/types.ts';

/** The documents linking workers take from the store: postings, credentials, candidates' experience. */
export type LinkKind = 'postings' | 'credentials' | 'candidates';
export const LINK_KINDS: readonly LinkKind[] = ['postings', 'credentials', 'candidates'];

/** A claimed document: link `text`, then complete the job with the links found. */
export interface LinkJob {
  readonly kind: LinkKind;
  readonly id: string;
  readonly text: string;
  /**
   * A posting's occupation, stated or inferred (`linkingOccupation`): link `text` in its sense, as the posting's import
   * did, so a relink finds the same links. Absent for other kinds of document.
   */
  readonly occupationId?: string | null;
  /** The store's taxonomy version at the claim (`linkTaxonomyVersion`). */
  readonly taxonomy: number;
}

export interface LinkJobResult {
  readonly kind: LinkKind;
  readonly id: string;
  /** The text that was linked (the job's): a document whose text changed since is not overwritten. */
  readonly text: string;
  /** The occupation the text was linked in the sense of (the job's): a posting whose occupation changed since is not overwritten. */
  readonly occupationId?: string | null;
  /**
   * The taxonomy version the linker that made `links` was built from: results made with a taxonomy
   * older than the store's are not written (the job goes back to pending, for a rebuilt linker).
   */
  readonly taxonomy: number;
  readonly links: readonly SkillLink[];
}

/** A claimed job, named for `renewLinkJobs`. */
export interface LinkJobRef {
  readonly kind: LinkKind;
  readonly id: string;
}

export interface LinkQueueStats {
  readonly pending: number;
  readonly claimed: number;
  readonly done: number;
}

export interface CompleteReport {
  /** Documents written with their links. */
  readonly done: number;
  /** Results dropped: the claim had expired and another worker holds it (it will write them). */
  readonly lost: number;
  /** Documents whose text (or the taxonomy) changed since the claim: back to pending. */
  readonly requeued: number;
}

/**
 * The linking work queue in the store (issue 19): one job per (model, document). Workers claim jobs in a
 * transaction with a lease; a worker that dies leaves its claims to expire, and the next claim after
 * the expiry hands them to another worker; a slow but alive worker renews its claims (`renewLinkJobs`).
 * Completing writes the links into the documents in one transaction (with its change-feed entry), only
 * for jobs the worker still holds. Every record write keeps the queue current: a new document gets a
 * pending job for every model that has queued work (`enqueueUnlinked` registers a model), and a document
 * whose text changed goes back to pending for every model, with the text links whose evidence left the
 * text removed, and so does a posting whose occupation (`linkingOccupation`) changed: a posting is
 * linked in its occupation's sense, stated or inferred, on its import and on every relink, so its links do
 * not change on a relink. A taxonomy import raises the taxonomy version: every done job linked with an older one
 * is claimable again (lazily, no mass update), and a worker rebuilds its linker when a claim says so.
 */
export interface LinkQueue {
  /**
   * Adds a pending job for every stored document of these kinds without a job for `modelId`; returns how
   * many. Registers `modelId`: documents written later get their pending job at write time.
   */
  enqueueUnlinked(modelId: string, kinds?: readonly LinkKind[]): Promise<number>;
  /**
   * Claims up to `limit` jobs for `worker` until now + `leaseMs`: pending ones, expired claims, and done
   * ones linked with a taxonomy older than the store's.
   */
  claimLinkJobs(modelId: string, worker: string, limit: number, leaseMs: number): Promise<LinkJob[]>;
  /** Extends `worker`'s claims on these jobs to now + `leaseMs` (a heartbeat); returns how many it still holds. */
  renewLinkJobs(modelId: string, worker: string, jobs: readonly LinkJobRef[], leaseMs: number): Promise<number>;
  /** The taxonomy version: raised by every taxonomy import (0 before the first). */
  linkTaxonomyVersion(): Promise<number>;
  /** Writes the links of jobs `worker` still holds, marks them done (one transaction). */
  completeLinkJobs(modelId: string, worker: string, results: readonly LinkJobResult[]): Promise<CompleteReport>;
  linkQueueStats(modelId: string): Promise<LinkQueueStats>;
}

/** The hash the queue compares texts by (hex sha256). */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const isLinkKind = (k: string): k is LinkKind => (LINK_KINDS as readonly string[]).includes(k);
export { isLinkKind };

/**
 * The document without the text links whose evidence is gone: a link found in text names the sentence it
 * was found in (`provenance.source`); when that sentence is no longer in the document's text, the link
 * is stale and is dropped. Links from sentences still there stay until the document is linked again.
 */
export function withoutStaleTextLinks<D extends JobPosting | Credential | Candidate>(kind: LinkKind, doc: D): D {
  const text = textToLink(kind, doc);
  const fresh = (l: SkillLink): boolean => l.provenance.kind !== 'text' || (typeof l.provenance.source === 'string' && l.provenance.source !== '' && text.includes(l.provenance.source));
  // (checked before validation: anything malformed is left for it to report)
  const ok = (l: unknown): l is SkillLink => typeof l === 'object' && l !== null && typeof (l as SkillLink).provenance === 'object' && (l as SkillLink).provenance !== null;
  const keep = (l: unknown): boolean => !ok(l) || fresh(l);
  if (kind === 'candidates') {
    const links = (doc as Candidate).experienceSkills as unknown;
    if (!Array.isArray(links) || links.every(keep)) return doc;
    return { ...doc, experienceSkills: links.filter(keep) };
  }
  const links = (doc as JobPosting | Credential).skills as unknown;
  return !Array.isArray(links) || links.every(keep) ? doc : { ...doc, skills: links.filter(keep) };
}

/**
 * What a record write does to a stored document's link job (both queues' `beforePut`): null when its text (`hash`, the
 * new document's text hash) and, for a posting, its occupation (`linkingOccupation`) are unchanged, so nothing is
 * requeued; else the document to write, to be linked again — without its stale text links when the text changed
 * (`withoutStaleTextLinks`), as given when only the occupation did (its links stay until it is relinked in the new sense).
 */
export function requeuedDoc<D extends JobPosting | Credential | Candidate>(kind: LinkKind, old: D, doc: D, hash: string): D | null {
  const sameText = textHash(textToLink(kind, old)) === hash;
  if (sameText) return linkingOccupation(kind, old) === linkingOccupation(kind, doc) ? null : doc;
  return withoutStaleTextLinks(kind, doc);
}

/**
 * The text hash of a document about to be validated (the queue looks before the store validates): null
 * for a document without its text fields, which validation then rejects with its own error.
 */
export function textHashOf(kind: LinkKind, doc: unknown): string | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const d = doc as Record<string, unknown>;
  const fields = kind === 'postings' ? [d['title'], d['description']] : kind === 'credentials' ? [d['name'], d['description']] : [d['experience']];
  return fields.every((f) => typeof f === 'string') ? textHash(textToLink(kind, doc as JobPosting)) : null;
}

/**
 * The occupation a posting's words are read in the sense of (engine/linking/occupation-senses.ts): its `occupationId`,
 * stated (JSON-LD `occupationalCategory`) or inferred from its title at import with high confidence
 * (`occupationInferred`) — the one its import linked it with, so every relink links it the same way; null for other
 * kinds of document and for anything malformed (validation reports it).
 */
export function linkingOccupation(kind: LinkKind, doc: unknown): string | null {
  if (kind !== 'postings' || typeof doc !== 'object' || doc === null) return null;
  const { occupationId } = doc as { occupationId?: unknown };
  return typeof occupationId === 'string' && occupationId !== '' ? occupationId : null;
}

/** A claimed document's job: its text, and for a posting its occupation (`linkingOccupation`). */
export function jobOf(kind: LinkKind, id: string, doc: JobPosting | Credential | Candidate, taxonomy: number): LinkJob {
  return { kind, id, text: textToLink(kind, doc), ...(kind === 'postings' ? { occupationId: linkingOccupation(kind, doc) } : {}), taxonomy };
}

/**
 * Whether a result no longer fits its document: the text changed since the claim, or (a posting) its occupation did.
 * A result made before jobs carried the occupation (`occupationId` absent) is judged by its text.
 */
export function linkInputChanged(r: Pick<LinkJobResult, 'kind' | 'text' | 'occupationId'>, doc: JobPosting | Credential | Candidate): boolean {
  return textToLink(r.kind, doc) !== r.text || (r.occupationId !== undefined && linkingOccupation(r.kind, doc) !== r.occupationId);
}

/** The text a document is linked from. */
export function textToLink(kind: LinkKind, doc: JobPosting | Credential | Candidate): string {
  switch (kind) {
    case 'postings':
      return `${(doc as JobPosting).title}\n${(doc as JobPosting).description}`;
    case 'credentials':
      return `${(doc as Credential).name}\n${(doc as Credential).description}`;
    case 'candidates':
      return (doc as Candidate).experience;
  }
}

/**
 * The document with its text links replaced: postings and credentials keep their explicit skills
 * (alignments, DefinedTerms: provenance other than 'text') first, then the linked ones not already
 * explicit; a candidate gets them as `experienceSkills`.
 */
export function withTextLinks<D extends JobPosting | Credential | Candidate>(kind: LinkKind, doc: D, links: readonly SkillLink[]): D {
  if (kind === 'candidates') return { ...doc, experienceSkills: [...links] };
  const explicit = (doc as JobPosting | Credential).skills.filter((l) => l.provenance.kind !== 'text');
  const seen = new Set(explicit.map((l) => l.skillId));
  return { ...doc, skills: [...explicit, ...links.filter((l) => !seen.has(l.skillId))] };
}

export function checkLinkArgs(modelId: unknown, worker: unknown, limit?: unknown, leaseMs?: unknown): void {
  const bad = (field: string, value: unknown, expected: string): never => {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid ${field}: ${JSON.stringify(value)} (expected ${expected})`, { field });
  };
  if (typeof modelId !== 'string' || modelId === '') bad('modelId', modelId, 'a model id');
  if (typeof worker !== 'string' || worker === '') bad('worker', worker, 'a worker id');
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10_000)) bad('limit', limit, '1–10000');
  if (leaseMs !== undefined && (typeof leaseMs !== 'number' || !Number.isInteger(leaseMs) || leaseMs < 1)) bad('leaseMs', leaseMs, 'a positive integer');
}
