import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { RecordsBatch } from '../../model/types.ts';
import { checkPageLimit, checkSeq, type ChangeEntry, type ChangeKind, type ChangePage, type RecordIds } from '../change-feed.ts';
import { toCount } from './values.ts';

/**
 * The change feed in the graph (Neo4j Community has no CDC). One `(:ChangeHead {id: 'feed'})` node holds
 * the last sequence number (`seq`) and the compaction floor (`floor`); each write transaction locks it
 * (a dummy write first, so the read that follows sees the newest committed value), takes seq + 1 and
 * creates a `(:Change {seq, at, kind, ids, key})` node. The head's write lock is held until commit, so
 * concurrent writers take numbers one after another and commit in that order: a reader never sees seq
 * n+1 without n, and a rolled-back write gives its number back. Only writers contend on the head.
 */
const HEAD_ID = 'feed';
const KINDS = ['credentials', 'candidates', 'postings', 'roles', 'awards'] as const;
const LABEL: Record<(typeof KINDS)[number], string> = { credentials: 'Credential', candidates: 'Candidate', postings: 'Posting', roles: 'Role', awards: 'Award' };

export const CHANGE_FEED_SCHEMA = [
  'CREATE CONSTRAINT changehead_id_unique IF NOT EXISTS FOR (n:ChangeHead) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT change_seq_unique IF NOT EXISTS FOR (n:Change) REQUIRE n.seq IS UNIQUE',
];

const APPEND = `
  MERGE (h:ChangeHead {id: $head}) ON CREATE SET h.seq = 0, h.floor = 0
  SET h.locked = true
  WITH h
  SET h.seq = h.seq + 1
  CREATE (:Change {seq: h.seq, at: $at, kind: $kind, ids: $ids, key: $key})
  RETURN h.seq AS seq`;

const EQUIVALENT = 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists';

/** Creates the feed's constraints and `more` (idempotent; safe when several stores start at once). */
export async function ensureChangeFeedSchema(driver: Driver, database: string | undefined, more: readonly string[] = []): Promise<void> {
  const session = driver.session(database ? { database } : {});
  try {
    for (const statement of [...CHANGE_FEED_SCHEMA, ...more]) {
      try {
        await session.run(statement);
      } catch (err) {
        if ((err as { code?: string }).code !== EQUIVALENT) throw err;
      }
    }
  } finally {
    await session.close();
  }
}

/** Appends one entry inside the caller's write transaction; returns its sequence number. */
export async function appendChange(tx: ManagedTransaction, kind: ChangeKind, ids: RecordIds = {}, key: string | null = null): Promise<number> {
  const res = await tx.run(APPEND, { head: HEAD_ID, at: new Date().toISOString(), kind, ids: JSON.stringify(ids), key });
  return toCount(res.records[0]?.get('seq'));
}

export async function readChanges(tx: ManagedTransaction, after: number, limit: number): Promise<ChangePage> {
  checkSeq('after', after);
  checkPageLimit(limit);
  const res = await tx.run(
    `OPTIONAL MATCH (h:ChangeHead {id: $head})
     CALL (h) {
       MATCH (e:Change) WHERE e.seq > $after AND e.seq <= coalesce(h.seq, 0)
       WITH e ORDER BY e.seq LIMIT $limit
       RETURN collect({seq: e.seq, at: e.at, kind: e.kind, ids: e.ids, key: e.key}) AS entries
     }
     RETURN coalesce(h.seq, 0) AS head, coalesce(h.floor, 0) AS floor, entries`,
    { head: HEAD_ID, after: neo4j.int(after), limit: neo4j.int(limit) },
  );
  const r = res.records[0];
  const entries = ((r?.get('entries') as Record<string, unknown>[] | undefined) ?? []).map(
    (e): ChangeEntry => ({ seq: toCount(e['seq']), at: e['at'] as string, kind: e['kind'] as ChangeKind, ids: JSON.parse(e['ids'] as string) as RecordIds, key: (e['key'] as string | null) ?? null }),
  );
  return { entries, head: toCount(r?.get('head')), floor: toCount(r?.get('floor')) };
}

/** Deletes entries up to `through` (clamped to the head) in chunks and raises the floor. */
export async function compactChanges(tx: ManagedTransaction, through: number): Promise<number> {
  checkSeq('through', through);
  const res = await tx.run(
    `MATCH (h:ChangeHead {id: $head})
     WITH h, CASE WHEN $through < h.seq THEN $through ELSE h.seq END AS upTo
     WHERE upTo > h.floor
     SET h.floor = upTo
     WITH upTo
     MATCH (e:Change) WHERE e.seq <= upTo
     DELETE e
     RETURN count(e) AS removed`,
    { head: HEAD_ID, through: neo4j.int(through) },
  );
  return toCount(res.records[0]?.get('removed'));
}

/** The stored documents of these ids (missing ids absent). */
export async function getRecords(tx: ManagedTransaction, ids: RecordIds): Promise<RecordsBatch> {
  const out: { -readonly [K in keyof RecordsBatch]?: unknown[] } = {};
  for (const key of KINDS) {
    const list = [...new Set(ids[key] ?? [])];
    if (list.length === 0) continue;
    const res = await tx.run(`UNWIND $ids AS id MATCH (n:${LABEL[key]} {id: id}) RETURN n.doc AS doc`, { ids: list });
    if (res.records.length > 0) out[key] = res.records.map((r) => JSON.parse(r.get('doc') as string) as unknown);
  }
  return out as RecordsBatch;
}

/** Awards that deleting these candidates / credentials cascades to (read before the delete, same transaction). */
export async function cascadedAwards(tx: ManagedTransaction, ids: RecordIds): Promise<string[]> {
  const candidates = [...(ids.candidates ?? [])];
  const credentials = [...(ids.credentials ?? [])];
  if (candidates.length === 0 && credentials.length === 0) return [];
  const res = await tx.run(
    `CALL { UNWIND $candidates AS id MATCH (:Candidate {id: id})-[:HOLDS]->(a:Award) RETURN a.id AS award
            UNION UNWIND $credentials AS id MATCH (a:Award)-[:OF]->(:Credential {id: id}) RETURN a.id AS award }
     RETURN collect(DISTINCT award) AS awards`,
    { candidates, credentials },
  );
  return (res.records[0]?.get('awards') as string[] | undefined) ?? [];
}
