import type Database from 'better-sqlite3';
import type { RecordsBatch } from '../../model/types.ts';
import { checkPageLimit, checkSeq, type ChangeEntry, type ChangeKind, type ChangePage, type RecordIds } from '../change-feed.ts';

/**
 * The change feed's table. `seq` is an AUTOINCREMENT rowid: SQLite has one writer at a time and every
 * write here is an IMMEDIATE transaction, so numbers are taken and committed in order (a reader never
 * sees seq n+1 before n) and a rolled-back write gives its number back. The floor (highest compacted
 * seq) lives in `meta`. Created on open, so a database from before the feed gains it.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL, ids TEXT NOT NULL, key TEXT);
`;
const FLOOR_KEY = 'changes.floor';
const KINDS = ['credentials', 'candidates', 'postings', 'roles', 'awards'] as const;

export interface SqliteChangeFeed {
  /**
   * Runs `write` and appends the entry `entry()` describes in ONE immediate transaction (the write's own
   * transaction becomes a savepoint inside it): both commit or neither does. No entry when `entry()` is null.
   */
  write<T>(write: () => T, entry: (result: T) => { kind: ChangeKind; ids?: RecordIds; key?: string | null } | null): T;
  read(after: number, limit: number): ChangePage;
  compact(through: number): number;
  getRecords(ids: RecordIds): RecordsBatch;
  /** Awards that deleting these candidates / credentials cascades to (read before the delete). */
  cascadedAwards(ids: RecordIds): string[];
}

interface Row {
  seq: number;
  at: string;
  kind: ChangeKind;
  ids: string;
  key: string | null;
}

export function sqliteChangeFeed(db: Database.Database): SqliteChangeFeed {
  db.exec(DDL);
  const append = db.prepare('INSERT INTO changes (at, kind, ids, key) VALUES (?, ?, ?, ?)');
  const page = db.prepare('SELECT seq, at, kind, ids, key FROM changes WHERE seq > ? ORDER BY seq LIMIT ?');
  // AUTOINCREMENT keeps the highest seq ever used in sqlite_sequence, even when every entry was compacted.
  const head = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").pluck();
  const floor = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setFloor = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const drop = db.prepare('DELETE FROM changes WHERE seq <= ?');
  const docs = Object.fromEntries(KINDS.map((k) => [k, db.prepare(`SELECT doc FROM ${k} WHERE id = ?`).pluck()])) as Record<(typeof KINDS)[number], Database.Statement>;
  const awardsOfCandidate = db.prepare('SELECT id FROM awards WHERE candidate_id = ?').pluck();
  const awardsOfCredential = db.prepare('SELECT id FROM awards WHERE credential_id = ?').pluck();

  const headSeq = (): number => Number((head.get() as number | undefined) ?? 0);
  const floorSeq = (): number => Number((floor.get(FLOOR_KEY) as string | undefined) ?? 0);

  type EntryOf = (result: unknown) => { kind: ChangeKind; ids?: RecordIds; key?: string | null } | null;
  const writeTx = db.transaction((write: () => unknown, entry: EntryOf): unknown => {
    const result = write();
    const e = entry(result);
    if (e) append.run(new Date().toISOString(), e.kind, JSON.stringify(e.ids ?? {}), e.key ?? null);
    return result;
  });
  const compactTx = db.transaction((through: number): number => {
    const upTo = Math.min(through, headSeq());
    if (upTo <= floorSeq()) return 0;
    const removed = drop.run(upTo).changes;
    setFloor.run(FLOOR_KEY, String(upTo));
    return removed;
  });
  // One snapshot for entries, head and floor (a deferred read transaction in WAL mode).
  const readTx = db.transaction((after: number, limit: number): ChangePage => {
    const entries = (page.all(after, limit) as Row[]).map(
      (r): ChangeEntry => ({ seq: Number(r.seq), at: r.at, kind: r.kind, ids: JSON.parse(r.ids) as RecordIds, key: r.key }),
    );
    return { entries, head: headSeq(), floor: floorSeq() };
  });

  return {
    write: <T>(write: () => T, entry: (result: T) => ReturnType<EntryOf>): T => writeTx.immediate(write, entry as EntryOf) as T,
    read: (after, limit) => readTx(checkSeq('after', after), checkPageLimit(limit)),
    compact: (through) => compactTx.immediate(checkSeq('through', through)),
    getRecords: (ids) => {
      const out: { -readonly [K in keyof RecordsBatch]?: unknown[] } = {};
      for (const key of KINDS) {
        const found: unknown[] = [];
        for (const id of new Set(ids[key] ?? [])) {
          const doc = docs[key].get(id) as string | undefined;
          if (doc !== undefined) found.push(JSON.parse(doc));
        }
        if (found.length > 0) out[key] = found;
      }
      return out as RecordsBatch;
    },
    cascadedAwards: (ids) => {
      const out = new Set<string>();
      for (const id of ids.candidates ?? []) for (const a of awardsOfCandidate.all(id) as string[]) out.add(a);
      for (const id of ids.credentials ?? []) for (const a of awardsOfCredential.all(id) as string[]) out.add(a);
      return [...out];
    },
  };
}
