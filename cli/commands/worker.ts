import { hostname } from 'node:os';
import type { Command } from 'commander';
import { runLinkWorker } from '../../app/link-worker.ts';
import { createModelLinker, type ModelLinker } from '../../app/linking-pipeline.ts';
import { rebuildingLinker } from '../../app/rebuilding-linker.ts';
import type { TaxonomyData } from '../../taxonomy/model/types.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withStore } from '../lib/with-store.ts';
import { MODEL_OPTION, parseDtype, parseModel } from './linking-setup.ts';

interface WorkerOptions {
  readonly db?: string;
  readonly batch?: string;
  readonly leaseMs?: string;
  readonly idleMs?: string;
  readonly once?: boolean;
  readonly dtype?: string;
  readonly model?: string;
}

function say(line: string): void {
  process.stdout.write(`skillgraph worker: ${line}\n`);
}

function intOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid --${name}: ${raw} (expected a positive integer)`);
  return n;
}

/**
 * `skillgraph worker`: a linking worker (issue 19). Queues every posting, credential and candidate not
 * yet linked with this model, then claims batches from the store, links them with the embedding model
 * and writes the links; run as many as the store and cores allow, on one Neo4j or one SQLite file. A
 * killed worker's claims expire after --lease-ms and are redone by another.
 */
export function register(program: Command): void {
  program
    .command('worker')
    .description('link unlinked postings, credentials and candidate experience from the store queue (run several for throughput)')
    .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder; Neo4j from SKILLGRAPH_STORE/NEO4J_*)')
    .option('--batch <n>', 'documents per claim', '32')
    .option('--lease-ms <n>', 'how long a claim is held before another worker may take it', '300000')
    .option('--idle-ms <n>', 'pause when the queue is empty', '1000')
    .option('--once', 'exit when the queue is empty (else keep waiting for new documents)')
    .option('--dtype <q8|fp32>', 'model variant', 'q8')
    .option(...MODEL_OPTION)
    .action(async (opts: WorkerOptions) => {
      const batch = intOption('batch', opts.batch);
      const leaseMs = intOption('lease-ms', opts.leaseMs);
      const idleMs = intOption('idle-ms', opts.idleMs);
      const dtype = parseDtype(opts.dtype);
      const modelName = parseModel(opts.model);
      await withStore(opts, async (store) => {
        // the version first: a taxonomy import in between makes the linker look outdated, so it is rebuilt (safe)
        const version = await store.linkTaxonomyVersion();
        const taxonomy = await store.loadTaxonomy();
        if (taxonomy.skills.length === 0) throw new UsageError('the store has no taxonomy (run `skillgraph import` first)');
        const build = (t: TaxonomyData): Promise<ModelLinker> => createModelLinker(store, t.skills, { dtype, modelName, occupationSkills: t.occupationSkills, occupations: t.occupations });
        const linker = rebuildingLinker(store, build, await build(taxonomy), version);
        const stop = new AbortController();
        const onSignal = (): void => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const queued = await store.enqueueUnlinked(linker.modelId);
          const workerId = `${hostname()}:${process.pid}`;
          say(`${workerId} linking with ${linker.modelId}; queued ${queued} new documents`);
          const report = await runLinkWorker({
            queue: store,
            linker,
            workerId,
            ...(batch ? { batch } : {}),
            ...(leaseMs ? { leaseMs } : {}),
            ...(idleMs ? { idleMs } : {}),
            untilEmpty: opts.once === true,
            signal: stop.signal,
            onRebuilt: (v) => say(`taxonomy changed: linker rebuilt (taxonomy version ${v})`),
            onRenewError: (err) => say(`lease renewal failed: ${err instanceof Error ? err.message : String(err)} (retrying)`),
            onBatch: (b) => say(`linked ${b.done} of ${b.claimed} claimed in ${b.ms} ms${b.lost ? `, ${b.lost} lost (claim expired)` : ''}${b.requeued ? `, ${b.requeued} requeued (text changed)` : ''}`),
          });
          say(`done: ${report.done} documents in ${report.batches} batches`);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await linker.dispose();
        }
      });
    });
}
