import type Database from 'better-sqlite3';
import type { Candidate, Credential, JobPosting, RecordsBatch } from '../../model/types.ts';
import { checkLinkArgs, LINK_KINDS, textToLink, withTextLinks, type CompleteReport, type LinkJob, type LinkJobResult, type LinkKind, type LinkQueue } from '../link-jobs.ts';
import type { RecordsAccess } from './records.ts';
import type { SqliteChangeFeed } from './change-feed.ts';

const DDL = `
CREATE TABLE IF NOT EXISTS link_jobs (
  model_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, worker TEXT, lease_until INTEGER,
  PRIMARY KEY (model_id, kind, id)) WITHOUT ROWID;
`;

type Doc = JobPosting | Credential | Candidate;

/**
 * The linking queue in SQLite: one `link_jobs` row per (model, document). Claims and completions are
 * IMMEDIATE transactions (one writer at a time), so two workers never hold the same unexpired claim.
 * Completion writes the documents through the records access and appends its change-feed entry.
 */
export function sqliteLinkQueue(db: Database.Database, records: RecordsAccess, feed: SqliteChangeFeed): { [K in keyof LinkQueue]: (...a: Parameters<LinkQueue[K]>) => Awaited<ReturnType<LinkQueue[K]>> } {
  db.exec(DDL);
  const enqueue = (kind: LinkKind): Database.Statement =>
    db.prepare(`INSERT INTO link_jobs (model_id, kind, id, state) SELECT ?, '${kind}', id, 'pending' FROM ${kind} WHERE true ON CONFLICT DO NOTHING`);
  const enqueues = Object.fromEntries(LINK_KINDS.map((k) => [k, enqueue(k)])) as Record<LinkKind, Database.Statement>;
  const claimable = db.prepare(
    "SELECT kind, id FROM link_jobs WHERE model_id = ? AND (state = 'pending' OR (state = 'claimed' AND lease_until < ?)) ORDER BY kind, id LIMIT ?",
  );
  const claim = db.prepare("UPDATE link_jobs SET state = 'claimed', worker = ?, lease_until = ? WHERE model_id = ? AND kind = ? AND id = ?");
  const job = db.prepare('SELECT state, worker FROM link_jobs WHERE model_id = ? AND kind = ? AND id = ?');
  const setState = db.prepare('UPDATE link_jobs SET state = ?, worker = NULL, lease_until = NULL WHERE model_id = ? AND kind = ? AND id = ?');
  const counts = db.prepare('SELECT state, count(*) AS n FROM link_jobs WHERE model_id = ? GROUP BY state');

  const claimTx = db.transaction((modelId: string, worker: string, limit: number, leaseMs: number): LinkJob[] => {
    const now = Date.now();
    const rows = claimable.all(modelId, now, limit) as { kind: LinkKind; id: string }[];
    const out: LinkJob[] = [];
    for (const r of rows) {
      const doc = records.get(r.kind, r.id) as Doc | null;
      if (!doc) {
        setState.run('done', modelId, r.kind, r.id); // deleted since it was queued
        continue;
      }
      claim.run(worker, now + leaseMs, modelId, r.kind, r.id);
      out.push({ kind: r.kind, id: r.id, text: textToLink(r.kind, doc) });
    }
    return out;
  });

  const complete = (modelId: string, worker: string, results: readonly LinkJobResult[]): CompleteReport => {
    const report = { done: 0, lost: 0, requeued: 0 };
    const written: { -readonly [K in LinkKind]?: Doc[] } = {};
    feed.write(
      () => {
        for (const r of results) {
          const held = job.get(modelId, r.kind, r.id) as { state: string; worker: string | null } | undefined;
          if (!held || held.state !== 'claimed' || held.worker !== worker) {
            report.lost++;
            continue;
          }
          const doc = records.get(r.kind, r.id) as Doc | null;
          if (doc && textToLink(r.kind, doc) !== r.text) {
            setState.run('pending', modelId, r.kind, r.id);
            report.requeued++;
            continue;
          }
          if (doc) (written[r.kind] ??= []).push(withTextLinks(r.kind, doc, r.links));
          setState.run('done', modelId, r.kind, r.id);
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
    enqueueUnlinked: (modelId, kinds = LINK_KINDS) => {
      checkLinkArgs(modelId, 'enqueue');
      return db.transaction(() => kinds.reduce((n, k) => n + enqueues[k].run(modelId).changes, 0)).immediate();
    },
    claimLinkJobs: (modelId, worker, limit, leaseMs) => {
      checkLinkArgs(modelId, worker, limit, leaseMs);
      return claimTx.immediate(modelId, worker, limit, leaseMs);
    },
    completeLinkJobs: (modelId, worker, results) => {
      checkLinkArgs(modelId, worker);
      return complete(modelId, worker, results);
    },
    linkQueueStats: (modelId) => {
      const out = { pending: 0, claimed: 0, done: 0 };
      for (const r of counts.all(modelId) as { state: keyof typeof out; n: number }[]) out[r.state] = Number(r.n);
      return out;
    },
  };
}
