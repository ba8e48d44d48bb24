import type Database from 'better-sqlite3';
import type { Award, RecordsBatch } from '../../model/types.ts';
import { validateRecords, type ReferenceKind } from '../validate-records.ts';

type RecordKey = keyof RecordsBatch;
const TABLE: Record<RecordKey, string> = { credentials: 'credentials', candidates: 'candidates', awards: 'awards', postings: 'postings', roles: 'roles' };
const REFERENCE_TABLE: Record<ReferenceKind, string> = {
  skill: 'skills',
  occupation: 'occupations',
  credential: 'credentials',
  candidate: 'candidates',
  posting: 'postings',
};
/** Write order: referenced kinds before the kinds that reference them (awards need both ends). */
const WRITE_ORDER: readonly RecordKey[] = ['credentials', 'candidates', 'postings', 'roles', 'awards'];

export interface RecordsAccess {
  put(batch: RecordsBatch): void;
  delete(ids: { readonly [K in RecordKey]?: readonly string[] }): void;
  list<K extends RecordKey>(key: K): NonNullable<RecordsBatch[K]>[number][];
  get<K extends RecordKey>(key: K, id: string): NonNullable<RecordsBatch[K]>[number] | null;
}

/** Records are JSON documents keyed by id; awards also keep their two references as foreign keys. */
export function recordsAccess(db: Database.Database): RecordsAccess {
  const exists = Object.fromEntries(
    Object.entries(REFERENCE_TABLE).map(([kind, table]) => [kind, db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).pluck()]),
  ) as Record<ReferenceKind, Database.Statement>;
  const upsert = (key: RecordKey): Database.Statement =>
    key === 'awards'
      ? db.prepare('INSERT INTO awards VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET candidate_id = excluded.candidate_id, credential_id = excluded.credential_id, doc = excluded.doc')
      : db.prepare(`INSERT INTO ${TABLE[key]} VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`);
  const upserts = Object.fromEntries(WRITE_ORDER.map((k) => [k, upsert(k)])) as Record<RecordKey, Database.Statement>;
  const deletes = Object.fromEntries(WRITE_ORDER.map((k) => [k, db.prepare(`DELETE FROM ${TABLE[k]} WHERE id = ?`)])) as Record<RecordKey, Database.Statement>;
  const lists = Object.fromEntries(WRITE_ORDER.map((k) => [k, db.prepare(`SELECT doc FROM ${TABLE[k]} ORDER BY id`).pluck()])) as Record<RecordKey, Database.Statement>;
  const gets = Object.fromEntries(WRITE_ORDER.map((k) => [k, db.prepare(`SELECT doc FROM ${TABLE[k]} WHERE id = ?`).pluck()])) as Record<RecordKey, Database.Statement>;

  const put = db.transaction((batch: RecordsBatch) => {
    validateRecords(batch, (kind, id) => exists[kind].get(id) !== undefined);
    for (const key of WRITE_ORDER) {
      for (const r of batch[key] ?? []) {
        if (key === 'awards') {
          const a = r as Award;
          upserts.awards.run(a.id, a.candidateId, a.credentialId, JSON.stringify(a));
        } else {
          upserts[key].run(r.id, JSON.stringify(r));
        }
      }
    }
  });
  const del = db.transaction((ids: { readonly [K in RecordKey]?: readonly string[] }) => {
    for (const key of WRITE_ORDER) for (const id of ids[key] ?? []) deletes[key].run(id);
  });

  return {
    // IMMEDIATE: take the write lock up front so a concurrent writer waits (busy_timeout) instead of failing
    // with SQLITE_BUSY when a deferred transaction that has already read tries to upgrade to writing.
    put: (batch) => put.immediate(batch),
    delete: (ids) => del.immediate(ids),
    list: (key) => (lists[key].all() as string[]).map((doc) => JSON.parse(doc)),
    get: (key, id) => {
      const doc = gets[key].get(id) as string | undefined;
      return doc === undefined ? null : JSON.parse(doc);
    },
  };
}
