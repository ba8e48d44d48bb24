import type Database from 'better-sqlite3';
import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';

/** Version of the tables below; stored in `meta` under {@link SCHEMA_VERSION_KEY}. */
export const SCHEMA_VERSION = 1;
export const SCHEMA_VERSION_KEY = 'sqlite.schemaVersion';

/**
 * Taxonomy nodes keep label arrays as JSON columns (read back in one pass); edges are plain rows
 * keyed by their natural key (WITHOUT ROWID: the key b-tree is the table, so no second index), so a
 * merge import upserts them. Records are JSON documents with their reference columns pulled out.
 * loadTaxonomy returns nodes in insertion order (rowid) and edges in key order.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skills (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, preferred_label TEXT NOT NULL, alt_labels TEXT NOT NULL,
  hidden_labels TEXT NOT NULL, description TEXT NOT NULL, skill_type TEXT NOT NULL, reuse_level TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skill_groups (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, code TEXT NOT NULL, preferred_label TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS broader (child_id TEXT NOT NULL, parent_id TEXT NOT NULL, PRIMARY KEY (child_id, parent_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skill_relations (
  from_id TEXT NOT NULL, to_id TEXT NOT NULL, relation_type TEXT NOT NULL, PRIMARY KEY (from_id, to_id, relation_type)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS occupations (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, code TEXT NOT NULL, isco_group TEXT NOT NULL, preferred_label TEXT NOT NULL,
  alt_labels TEXT NOT NULL, description TEXT NOT NULL, parent_ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS occupation_skills (
  occupation_id TEXT NOT NULL, skill_id TEXT NOT NULL, relation_type TEXT NOT NULL, importance REAL, level REAL,
  PRIMARY KEY (occupation_id, skill_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS crosswalk (
  esco_occupation_id TEXT NOT NULL, onet_code TEXT NOT NULL, confidence REAL NOT NULL, mapped INTEGER NOT NULL,
  PRIMARY KEY (esco_occupation_id, onet_code)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skill_mappings (
  from_id TEXT NOT NULL, to_id TEXT NOT NULL, confidence REAL NOT NULL, method TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS credentials (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS candidates (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS awards (
  id TEXT PRIMARY KEY,
  candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
  doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS awards_candidate ON awards (candidate_id);
CREATE INDEX IF NOT EXISTS awards_credential ON awards (credential_id);
CREATE TABLE IF NOT EXISTS postings (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS roles (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS embeddings (
  model_id TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model_id, text_hash)) WITHOUT ROWID;
`;

/** Sets connection pragmas and creates (or checks) the schema. Throws STORE_CONFLICT on a newer schema. */
export function prepareDatabase(db: Database.Database, file: string): void {
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Up to 64 MiB of page cache (allocated on demand) keeps a full ESCO import from spilling mid-transaction.
  db.pragma('cache_size = -65536');
  const row = db.prepare('SELECT name FROM sqlite_master WHERE type = ? AND name = ?').get('table', 'meta');
  if (row) {
    const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SCHEMA_VERSION_KEY) as string | undefined;
    if (stored !== undefined && Number(stored) > SCHEMA_VERSION) {
      throw new TaxonomyError(
        TaxonomyErrorCode.StoreConflict,
        `database schema version ${stored} is newer than this skillgraph supports (${SCHEMA_VERSION}); upgrade skillgraph`,
        { file },
      );
    }
  }
  db.transaction(() => {
    db.exec(DDL);
    if (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SCHEMA_VERSION_KEY) !== String(SCHEMA_VERSION)) {
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(SCHEMA_VERSION_KEY, String(SCHEMA_VERSION));
    }
  })();
}
