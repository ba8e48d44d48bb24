import type { ChangeEntry, ChangeFeed } from '../taxonomy/stores/change-feed.ts';

/** What a process's read model offers the follower (the Workspace implements it). */
export interface FollowedReadModel {
  /**
   * Applies one `put` / `delete` / `meta` entry: re-reads what it names from the store and updates the
   * in-memory state incrementally. Must be idempotent (an entry may be applied after a reload that
   * already saw it, or after the process's own write).
   */
  applyChange(entry: ChangeEntry): Promise<void>;
  /** Rebuilds everything from the store: after a taxonomy import, or when the feed was compacted past us. */
  reload(): Promise<void>;
}

export interface ChangeFollowerOptions {
  readonly feed: ChangeFeed;
  readonly model: FollowedReadModel;
  /** The sequence the model is current at (the feed's head read BEFORE the model was loaded). */
  readonly startAfter: number;
  /** Pause between polls that found nothing new, ms. Default 100. */
  readonly intervalMs?: number;
  /** Entries per read. Default 500. */
  readonly pageSize?: number;
  /**
   * Compaction: entries more than this many behind the head are deleted (every `compactEveryMs`, by
   * whichever process gets there; idempotent). 0 turns compaction off in this process. Default 100 000.
   */
  readonly retainEntries?: number;
  readonly compactEveryMs?: number;
  /** Called with each applied entry and the time it was applied (visibility measurements, logs). */
  readonly onApplied?: (entry: ChangeEntry, appliedAtMs: number) => void;
  /** A reload happened (`taxonomy` entry or compaction gap). */
  readonly onReload?: (reason: 'taxonomy' | 'behind', head: number) => void;
  /** A poll failed (store unavailable …); the follower retries from the same position after `intervalMs`. */
  readonly onError?: (err: unknown) => void;
  /** Injected clock (ms), for tests. Default Date.now. */
  readonly now?: () => number;
}

export interface ChangeFollower {
  /** The last sequence applied. */
  readonly position: number;
  /** Reads and applies everything committed so far (what one poll does); resolves when caught up. */
  catchUp(): Promise<void>;
  /** Stops polling; resolves once the poll in flight (if any) has finished. */
  stop(): Promise<void>;
}

function positiveInt(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`invalid ${name}: ${JSON.stringify(value)} (expected an integer >= ${min})`);
  return value;
}

/**
 * Keeps a process's read model current with the store's change feed (issue 19): remembers the last
 * applied sequence, polls for newer entries (back to back while there is a backlog, every `intervalMs`
 * when idle) and applies them in order; a `taxonomy` entry, or a position the feed has compacted away,
 * makes the model reload. The CLI, a worker or another API replica writing the store are all just writers.
 */
export function startChangeFollower(opts: ChangeFollowerOptions): ChangeFollower {
  const intervalMs = positiveInt('intervalMs', opts.intervalMs, 100);
  const pageSize = positiveInt('pageSize', opts.pageSize, 500);
  const retain = positiveInt('retainEntries', opts.retainEntries, 100_000, 0);
  const compactEveryMs = positiveInt('compactEveryMs', opts.compactEveryMs, 60_000);
  const now = opts.now ?? Date.now;
  if (!Number.isSafeInteger(opts.startAfter) || opts.startAfter < 0) throw new Error(`invalid startAfter: ${JSON.stringify(opts.startAfter)}`);
  let position = opts.startAfter;
  let lastCompact = now();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;

  /** One pass: read pages until caught up. Returns once nothing newer is committed. */
  const drain = async (): Promise<void> => {
    for (;;) {
      const page = await opts.feed.readChanges(position, pageSize);
      if (page.floor > position) {
        // Entries we never saw were compacted away: rebuild from the store, then continue from the head
        // read before the rebuild (entries after it are applied again: applying is idempotent).
        await opts.model.reload();
        position = page.head;
        opts.onReload?.('behind', page.head);
        continue;
      }
      for (const entry of page.entries) {
        if (stopped) return;
        if (entry.kind === 'taxonomy') {
          await opts.model.reload();
          opts.onReload?.('taxonomy', entry.seq);
        } else {
          await opts.model.applyChange(entry);
        }
        position = entry.seq;
        opts.onApplied?.(entry, now());
      }
      if (retain > 0 && now() - lastCompact >= compactEveryMs) {
        lastCompact = now();
        if (page.head > retain) await opts.feed.compactChanges(page.head - retain);
      }
      if (page.entries.length < pageSize) return;
    }
  };

  let queue: Promise<void> = Promise.resolve();
  /** Passes run one after another; a pass asked for while one runs starts after it (and sees newer writes). */
  const catchUp = (): Promise<void> => {
    const pass = queue.catch(() => undefined).then(drain);
    queue = pass;
    running = pass;
    return pass;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      catchUp().then(schedule, (err: unknown) => {
        opts.onError?.(err);
        schedule();
      });
    }, intervalMs);
    // Polling alone must not keep a process alive.
    timer.unref?.();
  };
  schedule();

  return {
    get position() {
      return position;
    },
    catchUp,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
