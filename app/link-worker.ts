import type { TextKind } from '../engine/linking/linking-weights.ts';
import type { SkillLink } from '../taxonomy/model/types.ts';
import type { LinkJobResult, LinkKind, LinkQueue } from '../taxonomy/stores/link-jobs.ts';
import type { LinkContext } from './text-linker.ts';

/** The linking pipeline as a worker needs it (the model linker of app/linking-pipeline.ts fits). */
export interface WorkerLinker {
  readonly modelId: string;
  /**
   * The store's taxonomy version the linker was built from (app/rebuilding-linker.ts); the results carry
   * it, so the store requeues what an outdated linker made. Absent: the claim's version is taken.
   */
  readonly taxonomyVersion?: number;
  /** Rebuilds the linker from the store's current taxonomy (called when a claim names a newer version). */
  rebuild?(): Promise<unknown>;
  /** Links texts; `context.occupations`: each text's occupation (a posting's, stated or inferred, as at its import). */
  linkMany(texts: readonly string[], context?: LinkContext): Promise<readonly (readonly SkillLink[])[]>;
  /** The linker for another kind of text (candidates' experience is linked as 'cv', credentials as 'course'; app/text-linker.ts). */
  withKind?(kind: TextKind): { linkMany(texts: readonly string[], context?: LinkContext): Promise<readonly (readonly SkillLink[])[]> };
}

/** The kind of text each queued document is: a posting, a candidate's experience (CV), a credential's name and description (course). */
export const TEXT_KIND_OF: Readonly<Record<LinkKind, TextKind>> = { postings: 'posting', candidates: 'cv', credentials: 'course' };

/**
 * Jobs' links in job order: each kind of document through the linker of its kind of text when there is one (one call per
 * kind), else the linker itself; a posting in the sense of its occupation (the job's `occupationId`, stated or inferred), as its import
 * linked it, so a relink (start-up, `skillgraph worker`, after a taxonomy import) finds the same links.
 */
export async function linkJobs(linker: WorkerLinker, jobs: readonly { readonly kind: LinkKind; readonly text: string; readonly occupationId?: string | null }[]): Promise<readonly (readonly SkillLink[])[]> {
  const groups = new Map<TextKind | null, number[]>();
  jobs.forEach((j, i) => {
    const kind = linker.withKind && TEXT_KIND_OF[j.kind] !== 'posting' ? TEXT_KIND_OF[j.kind] : null;
    (groups.get(kind) ?? groups.set(kind, []).get(kind)!).push(i);
  });
  const out: (readonly SkillLink[])[] = new Array(jobs.length);
  await Promise.all(
    [...groups].map(async ([kind, at]) => {
      const texts = at.map((i) => jobs[i]!.text);
      const occupations = at.map((i) => jobs[i]!.occupationId ?? null);
      const context = occupations.some((o) => o !== null) ? { occupations } : undefined;
      const links = kind === null ? await linker.linkMany(texts, context) : await linker.withKind!(kind).linkMany(texts, context);
      at.forEach((i, j) => (out[i] = links[j]!));
    }),
  );
  return out;
}

export interface LinkWorkerOptions {
  readonly queue: LinkQueue;
  readonly linker: WorkerLinker;
  /** Unique per process (claims are held by it). */
  readonly workerId: string;
  /** Documents per claim. Default 32. */
  readonly batch?: number;
  /**
   * How long a claim is held before another worker may take it, ms. Default 300 000. While a batch is
   * being linked the worker renews its claims every third of it (a heartbeat), so only a worker that
   * stopped (killed, hung) loses them.
   */
  readonly leaseMs?: number;
  /** Pause when nothing is claimable, ms. Default 1 000. */
  readonly idleMs?: number;
  /** Return once no job is pending or claimed (start-up linking, `worker --once`); else run until `signal`. */
  readonly untilEmpty?: boolean;
  readonly signal?: AbortSignal;
  readonly onBatch?: (report: { claimed: number; done: number; lost: number; requeued: number; ms: number }) => void;
  /** A heartbeat failed (store unavailable …); the next one retries, and the completion tells what was lost. */
  readonly onRenewError?: (err: unknown) => void;
  /** The linker was rebuilt for a newer taxonomy. */
  readonly onRebuilt?: (taxonomyVersion: number | undefined) => void;
}

export interface LinkWorkerReport {
  readonly batches: number;
  readonly done: number;
  readonly lost: number;
  readonly requeued: number;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`invalid ${name}: ${JSON.stringify(value)} (expected a positive integer)`);
  return value;
}

/**
 * A linking worker (issue 19): claims a batch of unlinked documents from the store's queue, links their
 * texts in one `linkMany`, and completes the batch (links written in one transaction, visible to every
 * process through the change feed). A worker that dies mid-batch loses nothing: its claims expire
 * after `leaseMs` and another worker takes them; a slow one renews them while it links. A claim made
 * after a taxonomy import rebuilds the linker first. Any number of workers may run against one store.
 */
export async function runLinkWorker(opts: LinkWorkerOptions): Promise<LinkWorkerReport> {
  const batch = positiveInt('batch', opts.batch, 32);
  const leaseMs = positiveInt('leaseMs', opts.leaseMs, 300_000);
  const idleMs = positiveInt('idleMs', opts.idleMs, 1_000);
  const { queue, linker, workerId } = opts;
  const total = { batches: 0, done: 0, lost: 0, requeued: 0 };
  while (!opts.signal?.aborted) {
    const jobs = await queue.claimLinkJobs(linker.modelId, workerId, batch, leaseMs);
    if (jobs.length === 0) {
      if (opts.untilEmpty) {
        const stats = await queue.linkQueueStats(linker.modelId);
        if (stats.pending === 0 && stats.claimed === 0) break;
      }
      await sleep(idleMs, opts.signal);
      continue;
    }
    const started = Date.now();
    const heartbeat = setInterval(() => {
      queue.renewLinkJobs(linker.modelId, workerId, jobs, leaseMs).catch((err: unknown) => opts.onRenewError?.(err));
    }, Math.max(1, Math.floor(leaseMs / 3)));
    let links: Awaited<ReturnType<WorkerLinker['linkMany']>>;
    try {
      if (linker.rebuild && linker.taxonomyVersion !== undefined && jobs.some((j) => j.taxonomy !== linker.taxonomyVersion)) {
        await linker.rebuild();
        opts.onRebuilt?.(linker.taxonomyVersion);
      }
      links = await linkJobs(linker, jobs);
    } finally {
      clearInterval(heartbeat);
    }
    // stored as SkillLinks (a text linker's match details are for display only)
    const results: LinkJobResult[] = jobs.map((j, i) => ({
      ...j,
      taxonomy: linker.taxonomyVersion ?? j.taxonomy,
      links: (links[i] ?? []).map(({ skillId, confidence, provenance }) => ({ skillId, confidence, provenance })),
    }));
    const report = await queue.completeLinkJobs(linker.modelId, workerId, results);
    total.batches++;
    total.done += report.done;
    total.lost += report.lost;
    total.requeued += report.requeued;
    opts.onBatch?.({ claimed: jobs.length, ...report, ms: Date.now() - started });
  }
  return total;
}
