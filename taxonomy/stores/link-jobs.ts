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
}

export interface LinkJobResult {
  readonly kind: LinkKind;
  readonly id: string;
  /** The text that was linked (the job's): a document whose text changed since is not overwritten. */
  readonly text: string;
  readonly links: readonly SkillLink[];
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
  /** Documents whose text changed since the claim: back to pending. */
  readonly requeued: number;
}

/**
 * The linking work queue in the store (issue 19): one job per (model, document). Workers claim jobs in a
 * transaction with a lease; a worker that dies leaves its claims to expire, and the next claim after
 * the expiry hands them to another worker. Completing writes the links into the documents in one
 * transaction (with its change-feed entry), only for jobs the worker still holds.
 */
export interface LinkQueue {
  /** Adds a pending job for every stored document of these kinds without a job for `modelId`; returns how many. */
  enqueueUnlinked(modelId: string, kinds?: readonly LinkKind[]): Promise<number>;
  /** Claims up to `limit` pending (or expired) jobs for `worker` until now + `leaseMs`. */
  claimLinkJobs(modelId: string, worker: string, limit: number, leaseMs: number): Promise<LinkJob[]>;
  /** Writes the links of jobs `worker` still holds, marks them done (one transaction). */
  completeLinkJobs(modelId: string, worker: string, results: readonly LinkJobResult[]): Promise<CompleteReport>;
  linkQueueStats(modelId: string): Promise<LinkQueueStats>;
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
