import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Candidate, Credential, JobPosting, RecordsBatch } from '../../model/types.ts';
import { checkLinkArgs, LINK_KINDS, textToLink, withTextLinks, type CompleteReport, type LinkJob, type LinkJobResult, type LinkKind, type LinkQueueStats } from '../link-jobs.ts';
import { appendChange } from './change-feed.ts';
import { getRecord, writeRecords } from './records.ts';
import { toCount } from './values.ts';

type Doc = JobPosting | Credential | Candidate;
const LABEL: Record<LinkKind, string> = { postings: 'Posting', credentials: 'Credential', candidates: 'Candidate' };

/** One `(:LinkJob {key})` node per (model, document); claims serialise on one `(:LinkQueueLock)` node. */
export const LINK_QUEUE_SCHEMA = [
  'CREATE CONSTRAINT linkjob_key_unique IF NOT EXISTS FOR (n:LinkJob) REQUIRE n.key IS UNIQUE',
  // without it two first claims at once could each MERGE their own lock node
  'CREATE CONSTRAINT linkqueuelock_id_unique IF NOT EXISTS FOR (n:LinkQueueLock) REQUIRE n.id IS UNIQUE',
];

const keyOf = (modelId: string, kind: LinkKind, id: string): string => `${modelId}\n${kind}\n${id}`;

export async function enqueueUnlinked(tx: ManagedTransaction, modelId: string, kinds: readonly LinkKind[] = LINK_KINDS): Promise<number> {
  checkLinkArgs(modelId, 'enqueue');
  let n = 0;
  for (const kind of kinds) {
    const res = await tx.run(
      `MATCH (d:${LABEL[kind]})
       WITH d, $model + '\n' + $kind + '\n' + d.id AS key
       WHERE NOT EXISTS { MATCH (:LinkJob {key: key}) }
       CREATE (:LinkJob {key: key, model: $model, kind: $kind, id: d.id, state: 'pending'})
       RETURN count(*) AS n`,
      { model: modelId, kind },
    );
    n += toCount(res.records[0]?.get('n'));
  }
  return n;
}

/**
 * Claims jobs: the queue's lock node is written first, so concurrent claims run one after another and
 * each sees the previous one's claims (no job is handed to two workers while its lease runs).
 */
export async function claimLinkJobs(tx: ManagedTransaction, modelId: string, worker: string, limit: number, leaseMs: number): Promise<LinkJob[]> {
  checkLinkArgs(modelId, worker, limit, leaseMs);
  const now = Date.now();
  await tx.run("MERGE (q:LinkQueueLock {id: 'link-queue'}) SET q.claims = coalesce(q.claims, 0) + 1");
  const res = await tx.run(
    `MATCH (j:LinkJob {model: $model})
     WHERE j.state = 'pending' OR (j.state = 'claimed' AND j.leaseUntil < $now)
     WITH j ORDER BY j.kind, j.id LIMIT $limit
     SET j.state = 'claimed', j.worker = $worker, j.leaseUntil = $until
     RETURN j.kind AS kind, j.id AS id`,
    { model: modelId, now, until: now + leaseMs, worker, limit: neo4j.int(limit) },
  );
  const out: LinkJob[] = [];
  for (const r of res.records) {
    const kind = r.get('kind') as LinkKind;
    const id = r.get('id') as string;
    const doc = (await getRecord(tx, kind, id)) as Doc | null;
    if (!doc) {
      await tx.run("MATCH (j:LinkJob {key: $key}) SET j.state = 'done', j.worker = null, j.leaseUntil = null", { key: keyOf(modelId, kind, id) });
      continue;
    }
    out.push({ kind, id, text: textToLink(kind, doc) });
  }
  return out;
}

export async function completeLinkJobs(tx: ManagedTransaction, modelId: string, worker: string, results: readonly LinkJobResult[], batchRows: number): Promise<CompleteReport> {
  checkLinkArgs(modelId, worker);
  const report = { done: 0, lost: 0, requeued: 0 };
  const written: { -readonly [K in LinkKind]?: Doc[] } = {};
  for (const r of results) {
    // The job node is locked by the first SET, so a concurrent claim of it waits for this transaction.
    const res = await tx.run('MATCH (j:LinkJob {key: $key}) SET j.touched = true RETURN j.state AS state, j.worker AS worker', { key: keyOf(modelId, r.kind, r.id) });
    const held = res.records[0];
    if (!held || held.get('state') !== 'claimed' || held.get('worker') !== worker) {
      report.lost++;
      continue;
    }
    const doc = (await getRecord(tx, r.kind, r.id)) as Doc | null;
    const state = doc && textToLink(r.kind, doc) !== r.text ? 'pending' : 'done';
    await tx.run('MATCH (j:LinkJob {key: $key}) SET j.state = $state, j.worker = null, j.leaseUntil = null', { key: keyOf(modelId, r.kind, r.id), state });
    if (state === 'pending') {
      report.requeued++;
      continue;
    }
    if (doc) (written[r.kind] ??= []).push(withTextLinks(r.kind, doc, r.links));
    report.done++;
  }
  const ids = Object.fromEntries(Object.entries(written).map(([k, docs]) => [k, docs.map((d) => d.id)]));
  if (Object.keys(ids).length > 0) {
    await writeRecords(tx, written as RecordsBatch, batchRows);
    await appendChange(tx, 'put', ids);
  }
  return report;
}

export async function linkQueueStats(tx: ManagedTransaction, modelId: string): Promise<LinkQueueStats> {
  const res = await tx.run('MATCH (j:LinkJob {model: $model}) RETURN j.state AS state, count(*) AS n', { model: modelId });
  const out = { pending: 0, claimed: 0, done: 0 };
  for (const r of res.records) out[r.get('state') as keyof typeof out] = toCount(r.get('n'));
  return out;
}
