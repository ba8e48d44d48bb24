import type Database from 'better-sqlite3';
import type { Candidate, Credential, JobPosting, RecordsBatch } from '../../model/types.ts';
import {
  checkLinkArgs,
  jobOf,
  LINK_KINDS,
  linkInputChanged,
  requeuedDoc,
  textHash,
  textHashOf,
  withTextLinks,
  type CompleteReport,
  type LinkJob,
  type LinkJobResult,
  type LinkKind,
  type LinkQueue,
} from '../link-jobs.ts';
import type { RecordsAccess } from './records.ts';
import type { SqliteChangeFeed } from './change-feed.ts';

/**
 * `link_jobs`: one row per (model, document); `taxonomy` is the taxonomy version a done job was linked
 * with, `text_hash` the hash of the text it linked. `link_models`: the models with queued work (a new
 * document gets a job for each). Columns added after the first release are added on open.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS link_jobs (
  model_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, worker TEXT, lease_until INTEGER,
  PRIMARY KEY (model_id, kind, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS link_models (model_id TEXT PRIMARY KEY) WITHOUT ROWID;
`;
const ADDED_COLUMNS = [
  ['taxonomy', 'INTEGER'],
  ['text_hash', 'TEXT'],
] as const;
const TAXONOMY_KEY = 'link-queue.taxonomy';

type Doc = JobPosting | Credential | Candidate;
type Queue = { [K in keyof LinkQueue]: (...a: Parameters<LinkQueue[K]>) => Awaited<ReturnType<LinkQueue[K]>> };

export interface SqliteLinkQueue extends Queue {
  /**
   * Inside a record write's transaction, before the records are written: new documents get a pending job
   * per registered model; documents whose text changed go back to pending for every model and lose the
   * text links whose evidence left the text; postings whose occupation changed go back to pending.
   * Returns the batch to write.
   */
  beforePut(batch: RecordsBatch): RecordsBatch;
  /** Inside a taxonomy import's transaction: raises the taxonomy version (done jobs become claimable again). */
  taxonomyChanged(): void;
}

/**
 * The linking queue in SQLite. Claims and completions are IMMEDIATE transactions (one writer at a time),
 * so two workers never hold the same unexpired claim. Completion writes the documents through the
 * records access and appends its change-feed entry.
 */
export function sqliteLinkQueue(db: Database.Database, records: RecordsAccess, feed: SqliteChangeFeed): SqliteLinkQueue {
  db.exec(DDL);
  const have = new Set((db.prepare('PRAGMA table_info(link_jobs)').all() as { name: string }[]).map((c) => c.name));
  for (const [name, type] of ADDED_COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE link_jobs ADD COLUMN ${name} ${type}`);
  db.exec('CREATE INDEX IF NOT EXISTS link_jobs_doc ON link_jobs (kind, id)');
  db.exec('CREATE INDEX IF NOT EXISTS link_jobs_state ON link_jobs (model_id, state, taxonomy)');

  const enqueue = (kind: LinkKind): Database.Statement =>
    db.prepare(`INSERT INTO link_jobs (model_id, kind, id, state) SELECT ?, '${kind}', id, 'pending' FROM ${kind} WHERE true ON CONFLICT DO NOTHING`);
  const enqueues = Object.fromEntries(LINK_KINDS.map((k) => [k, enqueue(k)])) as Record<LinkKind, Database.Statement>;
  const register = db.prepare('INSERT INTO link_models (model_id) VALUES (?) ON CONFLICT DO NOTHING');
  const getVersion = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setVersion = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const claimable = db.prepare(
    `SELECT kind, id FROM link_jobs WHERE model_id = ? AND (state = 'pending' OR (state = 'claimed' AND lease_until < ?)) ORDER BY kind, id LIMIT ?`,
  );
  const outdated = db.prepare("SELECT kind, id FROM link_jobs WHERE model_id = ? AND state = 'done' AND coalesce(taxonomy, 0) < ? ORDER BY kind, id LIMIT ?");
  const claim = db.prepare("UPDATE link_jobs SET state = 'claimed', worker = ?, lease_until = ? WHERE model_id = ? AND kind = ? AND id = ?");
  const renew = db.prepare("UPDATE link_jobs SET lease_until = ? WHERE model_id = ? AND kind = ? AND id = ? AND state = 'claimed' AND worker = ?");
  const job = db.prepare('SELECT state, worker FROM link_jobs WHERE model_id = ? AND kind = ? AND id = ?');
  const setState = db.prepare('UPDATE link_jobs SET state = ?, worker = NULL, lease_until = NULL WHERE model_id = ? AND kind = ? AND id = ?');
  const setDone = db.prepare("UPDATE link_jobs SET state = 'done', worker = NULL, lease_until = NULL, taxonomy = ?, text_hash = ? WHERE model_id = ? AND kind = ? AND id = ?");
  const requeueDoc = db.prepare("UPDATE link_jobs SET state = 'pending', worker = NULL, lease_until = NULL, text_hash = NULL WHERE kind = ? AND id = ? AND state != 'pending'");
  const enqueueDoc = db.prepare("INSERT INTO link_jobs (model_id, kind, id, state) SELECT model_id, ?, ?, 'pending' FROM link_models WHERE true ON CONFLICT DO NOTHING");
  const hasModels = db.prepare('SELECT 1 FROM link_models LIMIT 1').pluck();
  const counts = db.prepare('SELECT state, count(*) AS n FROM link_jobs WHERE model_id = ? GROUP BY state');
  const outdatedCount = db.prepare("SELECT count(*) FROM link_jobs WHERE model_id = ? AND state = 'done' AND coalesce(taxonomy, 0) < ?").pluck();

  const version = (): number => Number((getVersion.get(TAXONOMY_KEY) as string | undefined) ?? 0);

  const claimTx = db.transaction((modelId: string, worker: string, limit: number, leaseMs: number): LinkJob[] => {
    const now = Date.now();
    const taxonomy = version();
    const rows = claimable.all(modelId, now, limit) as { kind: LinkKind; id: string }[];
    if (rows.length < limit) rows.push(...(outdated.all(modelId, taxonomy, limit - rows.length) as { kind: LinkKind; id: string }[]));
    const out: LinkJob[] = [];
    for (const r of rows) {
      const doc = records.get(r.kind, r.id) as Doc | null;
      if (!doc) {
        setDone.run(taxonomy, null, modelId, r.kind, r.id); // deleted since it was queued
        continue;
      }
      claim.run(worker, now + leaseMs, modelId, r.kind, r.id);
      out.push(jobOf(r.kind, r.id, doc, taxonomy));
    }
    return out;
  });

  const complete = (modelId: string, worker: string, results: readonly LinkJobResult[]): CompleteReport => {
    const report = { done: 0, lost: 0, requeued: 0 };
    const written: { -readonly [K in LinkKind]?: Doc[] } = {};
    feed.write(
      () => {
        const taxonomy = version();
        for (const r of results) {
          const held = job.get(modelId, r.kind, r.id) as { state: string; worker: string | null } | undefined;
          if (!held || held.state !== 'claimed' || held.worker !== worker) {
            // back to pending by a text change meanwhile: requeued; else the claim expired and went to another worker
            if (held?.state === 'pending') report.requeued++;
            else report.lost++;
            continue;
          }
          const doc = records.get(r.kind, r.id) as Doc | null;
          if ((doc && linkInputChanged(r, doc)) || r.taxonomy < taxonomy) {
            setState.run('pending', modelId, r.kind, r.id);
            report.requeued++;
            continue;
          }
          if (doc) (written[r.kind] ??= []).push(withTextLinks(r.kind, doc, r.links));
          setDone.run(taxonomy, textHash(r.text), modelId, r.kind, r.id);
          report.done++;
        }
        records.put(written as RecordsBatch);
      },
      () => {
        const ids = Object.fromEntries(Object.entries(written).map(([k, docs]) => [k, docs.map((d) => d.id)]));
        return Object.keys(ids).length > 0 ? { kind: 'put', ids } : null;
      },
    );
    return report;
  };

  return {
    beforePut: (batch) => {
      const models = hasModels.get() !== undefined;
      let out: RecordsBatch | null = null;
      for (const kind of LINK_KINDS) {
        const docs = batch[kind] as readonly Doc[] | undefined;
        if (!Array.isArray(docs) || docs.length === 0) continue;
        const next = docs.map((doc) => {
          const hash = textHashOf(kind, doc);
          if (hash === null || typeof doc.id !== 'string') return doc; // malformed: validation reports it
          const old = records.get(kind, doc.id) as Doc | null;
          if (!old) {
            if (models) enqueueDoc.run(kind, doc.id);
            return doc;
          }
          const requeued = requeuedDoc(kind, old, doc, hash);
          if (requeued === null) return doc;
          requeueDoc.run(kind, doc.id);
          if (models) enqueueDoc.run(kind, doc.id);
          return requeued;
        });
        if (next.some((d, i) => d !== docs[i])) out = { ...(out ?? batch), [kind]: next };
      }
      return out ?? batch;
    },
    taxonomyChanged: () => void setVersion.run(TAXONOMY_KEY, String(version() + 1)),
    enqueueUnlinked: (modelId, kinds = LINK_KINDS) => {
      checkLinkArgs(modelId, 'enqueue');
      return db
        .transaction(() => {
          register.run(modelId);
          return kinds.reduce((n, k) => n + enqueues[k].run(modelId).changes, 0);
        })
        .immediate();
    },
    claimLinkJobs: (modelId, worker, limit, leaseMs) => {
      checkLinkArgs(modelId, worker, limit, leaseMs);
      return claimTx.immediate(modelId, worker, limit, leaseMs);
    },
    renewLinkJobs: (modelId, worker, jobs, leaseMs) => {
      checkLinkArgs(modelId, worker, undefined, leaseMs);
      const until = Date.now() + leaseMs;
      return db.transaction(() => jobs.reduce((n, j) => n + renew.run(until, modelId, j.kind, j.id, worker).changes, 0)).immediate();
    },
    completeLinkJobs: (modelId, worker, results) => {
      checkLinkArgs(modelId, worker);
      return complete(modelId, worker, results);
    },
    linkQueueStats: (modelId) => {
      const out = { pending: 0, claimed: 0, done: 0 };
      for (const r of counts.all(modelId) as { state: keyof typeof out; n: number }[]) out[r.state] = Number(r.n);
      // done with an older taxonomy: waiting to be linked again
      const stale = Number(outdatedCount.get(modelId, version()));
      return { pending: out.pending + stale, claimed: out.claimed, done: out.done - stale };
    },
    linkTaxonomyVersion: () => version(),
  };
}
