import Database from 'better-sqlite3';
import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';
import type { GraphStore } from '../graph-store.ts';
import { hasIds, idsOfBatch, mergeIds } from '../change-feed.ts';
import { sqliteChangeFeed } from './change-feed.ts';
import { embeddingsAccess } from './embeddings.ts';
import { sqliteLinkQueue } from './link-queue.ts';
import { mapSqliteError } from './errors.ts';
import { recordsAccess } from './records.ts';
import { prepareDatabase } from './schema.ts';
import { statsReader } from './stats.ts';
import { taxonomyReader } from './taxonomy-read.ts';
import { taxonomyWriter } from './taxonomy-write.ts';

/**
 * The embedded default store: one better-sqlite3 connection (WAL, foreign keys on, busy timeout),
 * prepared statements, every write in one transaction. `file` is a path or ':memory:'.
 * Errors come out as TaxonomyError STORE_* (busy/locked are retryable).
 */
export async function createSqliteStore(file: string): Promise<GraphStore> {
  if (typeof file !== 'string' || file === '') {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid file: ${JSON.stringify(file)}`, { field: 'file' });
  }
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    const mapped = mapSqliteError(err, file);
    if (mapped.code !== TaxonomyErrorCode.StoreFailure) throw mapped;
    throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `cannot open database: ${(err as Error).message}`, { file }, false, { cause: err });
  }
  try {
    prepareDatabase(db, file);
  } catch (err) {
    db.close();
    throw mapSqliteError(err, file);
  }

  const writeTaxonomy = taxonomyWriter(db);
  const readTaxonomy = taxonomyReader(db);
  const records = recordsAccess(db);
  const embeddings = embeddingsAccess(db);
  const stats = statsReader(db);
  const feed = sqliteChangeFeed(db);
  const linkQueue = sqliteLinkQueue(db, records, feed);
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  let closed = false;

  /** Runs a synchronous call as a promise, with errors mapped to the catalog. */
  const call = async <T>(fn: () => T): Promise<T> => {
    if (closed) throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, 'store is closed', { file });
    try {
      return fn();
    } catch (err) {
      throw mapSqliteError(err, file);
    }
  };

  return {
    kind: 'sqlite',
    // Every write also appends its change-feed entry, in the same transaction (see change-feed.ts).
    importTaxonomy: (data, options) =>
      call(() =>
        feed.write(() => {
          const result = writeTaxonomy(data, options);
          linkQueue.taxonomyChanged(); // linkers rebuild; documents are linked again with the new skills
          return result;
        }, () => ({ kind: 'taxonomy' })),
      ),
    loadTaxonomy: () => call(readTaxonomy),
    putRecords: (batch) =>
      call(() => feed.write(() => records.put(linkQueue.beforePut(batch)), () => {
        const ids = idsOfBatch(batch);
        return hasIds(ids) ? { kind: 'put', ids } : null;
      })),
    deleteRecords: (ids) =>
      call(() => void feed.write(() => {
        const cascaded = feed.cascadedAwards(ids);
        records.delete(ids);
        return cascaded;
      }, (awards) => {
        const all = mergeIds(ids, { awards });
        return hasIds(all) ? { kind: 'delete', ids: all } : null;
      })),
    listCredentials: () => call(() => records.list('credentials')),
    listCandidates: () => call(() => records.list('candidates')),
    listAwards: () => call(() => records.list('awards')),
    listPostings: () => call(() => records.list('postings')),
    listRoles: () => call(() => records.list('roles')),
    getCredential: (id) => call(() => records.get('credentials', id)),
    getCandidate: (id) => call(() => records.get('candidates', id)),
    getPosting: (id) => call(() => records.get('postings', id)),
    getRole: (id) => call(() => records.get('roles', id)),
    getEmbeddings: (modelId, hashes) => call(() => embeddings.get(modelId, hashes)),
    putEmbeddings: (modelId, entries) => call(() => embeddings.put(modelId, entries)),
    getMeta: (key) => call(() => (getMeta.get(key) as string | undefined) ?? null),
    setMeta: (key, value) => call(() => feed.write(() => void setMeta.run(key, value), () => ({ kind: 'meta', key }))),
    readChanges: (after, limit) => call(() => feed.read(after, limit)),
    compactChanges: (through) => call(() => feed.compact(through)),
    getRecords: (ids) => call(() => feed.getRecords(ids)),
    enqueueUnlinked: (modelId, kinds) => call(() => linkQueue.enqueueUnlinked(modelId, kinds)),
    claimLinkJobs: (modelId, worker, limit, leaseMs) => call(() => linkQueue.claimLinkJobs(modelId, worker, limit, leaseMs)),
    renewLinkJobs: (modelId, worker, jobs, leaseMs) => call(() => linkQueue.renewLinkJobs(modelId, worker, jobs, leaseMs)),
    completeLinkJobs: (modelId, worker, results) => call(() => linkQueue.completeLinkJobs(modelId, worker, results)),
    linkTaxonomyVersion: () => call(() => linkQueue.linkTaxonomyVersion()),
    linkQueueStats: (modelId) => call(() => linkQueue.linkQueueStats(modelId)),
    stats: () => call(stats),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
