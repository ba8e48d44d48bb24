import neo4j, { type ManagedTransaction } from 'neo4j-driver';
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
  type LinkJobRef,
  type LinkJobResult,
  type LinkKind,
  type LinkQueueStats,
} from '../link-jobs.ts';
import { appendChange } from './change-feed.ts';
import { getRecord, writeRecords } from './records.ts';
import { toCount } from './values.ts';

type Doc = JobPosting | Credential | Candidate;
const LABEL: Record<LinkKind, string> = { postings: 'Posting', credentials: 'Credential', candidates: 'Candidate' };

/**
 * One `(:LinkJob {key})` node per (model, document); claims serialise on one `(:LinkQueueLock)` node,
 * which also holds the taxonomy version (`taxonomy`, raised by every taxonomy import). `(:LinkModel {id})`:
 * the models with queued work (a new document gets a job for each).
 */
export const LINK_QUEUE_SCHEMA = [
  'CREATE CONSTRAINT linkjob_key_unique IF NOT EXISTS FOR (n:LinkJob) REQUIRE n.key IS UNIQUE',
  // without it two first claims at once could each MERGE their own lock node
  'CREATE CONSTRAINT linkqueuelock_id_unique IF NOT EXISTS FOR (n:LinkQueueLock) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT linkmodel_id_unique IF NOT EXISTS FOR (n:LinkModel) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX linkjob_model_state IF NOT EXISTS FOR (n:LinkJob) ON (n.model, n.state)',
];
const LOCK_ID = 'link-queue';

/** The taxonomy version (0 before the first taxonomy import). */
export async function linkTaxonomyVersion(tx: ManagedTransaction): Promise<number> {
  const res = await tx.run('OPTIONAL MATCH (q:LinkQueueLock {id: $lock}) RETURN coalesce(q.taxonomy, 0) AS v', { lock: LOCK_ID });
  return toCount(res.records[0]?.get('v'));
}

/** Inside a taxonomy import: raises the version (locks the queue, so a claim sees the old or the new one). */
export async function taxonomyChanged(tx: ManagedTransaction): Promise<void> {
  await tx.run('MERGE (q:LinkQueueLock {id: $lock}) SET q.taxonomy = coalesce(q.taxonomy, 0) + 1', { lock: LOCK_ID });
}

/**
 * Inside a record write, before the records are written (job nodes are locked before record nodes, as
 * completions do): new documents get a pending job per registered model; documents whose text changed
 * go back to pending for every model and lose the text links whose evidence left the text, postings whose
 * occupation changed go back to pending. Returns the batch to write.
 */
export async function beforePut(tx: ManagedTransaction, batch: RecordsBatch): Promise<RecordsBatch> {
  let out: RecordsBatch | null = null;
  for (const kind of LINK_KINDS) {
    const docs = batch[kind] as readonly Doc[] | undefined;
    if (!Array.isArray(docs) || docs.length === 0) continue;
    const ids = docs.map((d) => (typeof d === 'object' && d !== null ? d.id : null)).filter((id) => typeof id === 'string'); // malformed: validation reports it
    const res = await tx.run(`UNWIND $ids AS id MATCH (n:${LABEL[kind]} {id: id}) RETURN n.id AS id, n.doc AS doc`, { ids });
    const olds = new Map(res.records.map((r) => [r.get('id') as string, JSON.parse(r.get('doc') as string) as Doc]));
    const fresh: string[] = [];
    const changed: string[] = [];
    const next = docs.map((doc) => {
      const hash = textHashOf(kind, doc);
      if (hash === null) return doc; // malformed: validation reports it
      const old = olds.get(doc.id);
      if (old === undefined) {
        fresh.push(doc.id);
        return doc;
      }
      const requeued = requeuedDoc(kind, old, doc, hash);
      if (requeued === null) return doc;
      changed.push(doc.id);
      return requeued;
    });
    if (changed.length > 0) {
      await tx.run(
        `MATCH (m:LinkModel) UNWIND $ids AS id
         MATCH (j:LinkJob {key: m.id + '\n' + $kind + '\n' + id}) WHERE j.state <> 'pending'
         SET j.state = 'pending', j.worker = null, j.leaseUntil = null, j.textHash = null`,
        { ids: changed, kind },
      );
    }
    if (fresh.length + changed.length > 0) {
      await tx.run(
        `MATCH (m:LinkModel) UNWIND $ids AS id
         MERGE (j:LinkJob {key: m.id + '\n' + $kind + '\n' + id})
         ON CREATE SET j.model = m.id, j.kind = $kind, j.id = id, j.state = 'pending'`,
        { ids: [...fresh, ...changed], kind },
      );
    }
    if (changed.length > 0) out = { ...(out ?? batch), [kind]: next };
  }
  return out ?? batch;
}

const keyOf = (modelId: string, kind: LinkKind, id: string): string => `${modelId}\n${kind}\n${id}`;

export async function enqueueUnlinked(tx: ManagedTransaction, modelId: string, kinds: readonly LinkKind[] = LINK_KINDS): Promise<number> {
  checkLinkArgs(modelId, 'enqueue');
  await tx.run('MERGE (:LinkModel {id: $model})', { model: modelId });
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
  const lock = await tx.run('MERGE (q:LinkQueueLock {id: $lock}) SET q.claims = coalesce(q.claims, 0) + 1 RETURN coalesce(q.taxonomy, 0) AS v', { lock: LOCK_ID });
  const taxonomy = toCount(lock.records[0]?.get('v'));
  // pending, then expired claims, then done with an older taxonomy: each an index seek on (model, state)
  const steps = [
    "j.state = 'pending'",
    "j.state = 'claimed' AND j.leaseUntil < $now",
    "j.state = 'done' AND coalesce(j.taxonomy, 0) < $taxonomy",
  ];
  const found: { kind: LinkKind; id: string }[] = [];
  for (const where of steps) {
    if (found.length >= limit) break;
    const res = await tx.run(
      `MATCH (j:LinkJob {model: $model}) WHERE ${where}
       WITH j ORDER BY j.kind, j.id LIMIT $limit
       SET j.state = 'claimed', j.worker = $worker, j.leaseUntil = $until
       RETURN j.kind AS kind, j.id AS id`,
      { model: modelId, now, taxonomy: neo4j.int(taxonomy), until: now + leaseMs, worker, limit: neo4j.int(limit - found.length) },
    );
    found.push(...res.records.map((r) => ({ kind: r.get('kind') as LinkKind, id: r.get('id') as string })));
  }
  const out: LinkJob[] = [];
  for (const { kind, id } of found) {
    const doc = (await getRecord(tx, kind, id)) as Doc | null;
    if (!doc) {
      await tx.run("MATCH (j:LinkJob {key: $key}) SET j.state = 'done', j.worker = null, j.leaseUntil = null, j.taxonomy = $taxonomy", { key: keyOf(modelId, kind, id), taxonomy: neo4j.int(taxonomy) });
      continue;
    }
    out.push(jobOf(kind, id, doc, taxonomy));
  }
  return out;
}

export async function completeLinkJobs(tx: ManagedTransaction, modelId: string, worker: string, results: readonly LinkJobResult[], batchRows: number): Promise<CompleteReport> {
  checkLinkArgs(modelId, worker);
  const report = { done: 0, lost: 0, requeued: 0 };
  const written: { -readonly [K in LinkKind]?: Doc[] } = {};
  const taxonomy = await linkTaxonomyVersion(tx);
  for (const r of results) {
    // The job node is locked by the first SET, so a concurrent claim of it waits for this transaction.
    const res = await tx.run('MATCH (j:LinkJob {key: $key}) SET j.touched = true RETURN j.state AS state, j.worker AS worker', { key: keyOf(modelId, r.kind, r.id) });
    const held = res.records[0];
    if (!held || held.get('state') !== 'claimed' || held.get('worker') !== worker) {
      // back to pending by a text change meanwhile: requeued; else the claim expired and went to another worker
      if (held?.get('state') === 'pending') report.requeued++;
      else report.lost++;
      continue;
    }
    const doc = (await getRecord(tx, r.kind, r.id)) as Doc | null;
    const state = (doc && linkInputChanged(r, doc)) || r.taxonomy < taxonomy ? 'pending' : 'done';
    await tx.run('MATCH (j:LinkJob {key: $key}) SET j.state = $state, j.worker = null, j.leaseUntil = null, j.taxonomy = $taxonomy, j.textHash = $hash', {
      key: keyOf(modelId, r.kind, r.id),
      state,
      taxonomy: neo4j.int(taxonomy),
      hash: state === 'done' ? textHash(r.text) : null,
    });
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

/** Extends `worker`'s claims on `jobs` (a heartbeat); returns how many it still holds. */
export async function renewLinkJobs(tx: ManagedTransaction, modelId: string, worker: string, jobs: readonly LinkJobRef[], leaseMs: number): Promise<number> {
  checkLinkArgs(modelId, worker, undefined, leaseMs);
  const res = await tx.run(
    `UNWIND $keys AS key MATCH (j:LinkJob {key: key}) WHERE j.state = 'claimed' AND j.worker = $worker
     SET j.leaseUntil = $until RETURN count(j) AS n`,
    { keys: jobs.map((j) => keyOf(modelId, j.kind, j.id)), worker, until: Date.now() + leaseMs },
  );
  return toCount(res.records[0]?.get('n'));
}

export async function linkQueueStats(tx: ManagedTransaction, modelId: string): Promise<LinkQueueStats> {
  const taxonomy = await linkTaxonomyVersion(tx);
  const res = await tx.run(
    `MATCH (j:LinkJob {model: $model})
     RETURN CASE WHEN j.state = 'done' AND coalesce(j.taxonomy, 0) < $taxonomy THEN 'pending' ELSE j.state END AS state, count(*) AS n`,
    { model: modelId, taxonomy: neo4j.int(taxonomy) },
  );
  const out = { pending: 0, claimed: 0, done: 0 };
  for (const r of res.records) out[r.get('state') as keyof typeof out] += toCount(r.get('n'));
  return out;
}
