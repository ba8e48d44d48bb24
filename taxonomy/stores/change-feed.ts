import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { RecordsBatch } from '../model/types.ts';

/** Ids per record kind (what a write touched). */
export type RecordIds = { readonly [K in keyof RecordsBatch]?: readonly string[] };

/**
 * What one write transaction changed: `put` / `delete` name the records by kind and id (a delete also
 * names the awards it cascaded to), `taxonomy` is a taxonomy import (readers rebuild), `meta` names the
 * metadata key written (API keys live under `api-keys`). Embedding-cache writes record nothing: no read
 * model depends on them.
 */
export type ChangeKind = 'put' | 'delete' | 'taxonomy' | 'meta';

/** One entry of the change feed, written in the same transaction as the change it names. */
export interface ChangeEntry {
  /** 1, 2, 3 … in commit order, without gaps (a rolled-back write takes no number). */
  readonly seq: number;
  /** Commit time by the writer's clock (ISO 8601, ms): used to measure how late readers see it. */
  readonly at: string;
  readonly kind: ChangeKind;
  /** `put` / `delete`: the ids written or deleted; empty otherwise. */
  readonly ids: RecordIds;
  /** `meta`: the key written; null otherwise. */
  readonly key: string | null;
}

/** A page of the feed after a reader's sequence. */
export interface ChangePage {
  /** Entries with seq > `after`, ascending, at most `limit`. */
  readonly entries: readonly ChangeEntry[];
  /** The newest sequence number committed (0 when nothing was ever written). */
  readonly head: number;
  /**
   * Entries with seq <= `floor` were compacted away. When `after < floor` the reader has missed
   * entries it can no longer read: it must reload its read model (and then continue from `head`).
   */
  readonly floor: number;
}

/** The feed methods every GraphStore offers (see `GraphStore`). */
export interface ChangeFeed {
  /** The stored records of these ids in one read (ids not stored are absent): how a reader applies an entry. */
  getRecords(ids: RecordIds): Promise<RecordsBatch>;
  /** Entries after sequence `after` (at most `limit`, 1–10 000), with the feed's head and floor. */
  readChanges(after: number, limit: number): Promise<ChangePage>;
  /**
   * Deletes entries with seq <= `through` (clamped to the head) and raises the floor; returns how many
   * were deleted. Idempotent; any process may call it.
   */
  compactChanges(through: number): Promise<number>;
}

export const MAX_CHANGE_PAGE = 10_000;

/** Checks the arguments of `readChanges` / `compactChanges` once for both stores. */
export function checkSeq(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid ${field}: ${JSON.stringify(value)} (expected an integer >= 0)`, { field });
  }
  return value;
}

export function checkPageLimit(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CHANGE_PAGE) {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid limit: ${JSON.stringify(value)} (expected 1–${MAX_CHANGE_PAGE})`, { field: 'limit' });
  }
  return value;
}

/** The ids of a batch per kind (non-empty kinds only), for a `put` entry. */
export function idsOfBatch(batch: RecordsBatch): RecordIds {
  const out: { -readonly [K in keyof RecordsBatch]?: string[] } = {};
  for (const key of ['credentials', 'candidates', 'postings', 'roles', 'awards'] as const) {
    const list = batch[key];
    if (list && list.length > 0) out[key] = [...new Set(list.map((r) => r.id))];
  }
  return out;
}

/** Merges id lists per kind (e.g. the awards a delete cascaded to), without duplicates. */
export function mergeIds(a: RecordIds, b: RecordIds): RecordIds {
  const out: { -readonly [K in keyof RecordsBatch]?: string[] } = {};
  for (const key of ['credentials', 'candidates', 'postings', 'roles', 'awards'] as const) {
    const ids = [...new Set([...(a[key] ?? []), ...(b[key] ?? [])])];
    if (ids.length > 0) out[key] = ids;
  }
  return out;
}

export const hasIds = (ids: RecordIds): boolean => Object.values(ids).some((l) => l !== undefined && l.length > 0);
