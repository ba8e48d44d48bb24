/**
 * Phase timing of a command, for profiling its start-up and its loop (issue 18): with
 * `SKILLGRAPH_TIMING=1` each `mark` writes one stderr line — milliseconds since the process started
 * (wall), the process's CPU time so far (user + system, every thread) and, on Linux, the calling
 * thread's own CPU time (the main thread's: the part no other core can take; in a worker thread such as
 * the link helper, that thread's) — so the phases of a run read as differences between lines. `threadTimes` lists every thread's CPU time. Without the variable both do nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const on = typeof process !== 'undefined' && process.env['SKILLGRAPH_TIMING'] === '1';

/** CPU milliseconds (user + system) of thread `tid` of this process ('self': the calling thread) from /proc, or null where there is none. */
function threadCpu(tid: number | string): number | null {
  try {
    const stat = readFileSync(tid === 'self' ? '/proc/thread-self/stat' : `/proc/self/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

export function mark(label: string): void {
  if (!on) return;
  const { user, system } = process.cpuUsage();
  const own = threadCpu(isMainThread ? process.pid : 'self');
  const who = isMainThread ? 'main thread' : 'this worker';
  process.stderr.write(`timing: ${performance.now().toFixed(0).padStart(6)} ms wall ${((user + system) / 1000).toFixed(0).padStart(6)} ms cpu${own === null ? '' : ` ${own.toFixed(0).padStart(6)} ms ${who}`}  ${label}\n`);
}

/** One stderr line: every thread's CPU milliseconds so far, largest first (Linux). */
export function threadTimes(label: string): void {
  if (!on) return;
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  const times = tids.map((t) => ({ t, ms: threadCpu(t) ?? 0, name: (() => { try { return readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim(); } catch { return '?'; } })() })).filter((x) => x.ms >= 50).sort((a, b) => b.ms - a.ms);
  process.stderr.write(`timing: threads (${label}): ${times.map((x) => `${x.name}${x.t === String(process.pid) ? '[main]' : ''} ${x.ms.toFixed(0)}`).join(', ')}\n`);
}
