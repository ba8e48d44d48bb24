/**
 * Phase timing of a command, for profiling its start-up and its loop (issue 18): with
 * `SKILLGRAPH_TIMING=1` each `mark` writes one stderr line — milliseconds since the process started
 * (wall) and the process's CPU time so far (user + system, every thread) — so the phases of a run read as
 * differences between lines. Without the variable `mark` does nothing.
 */
const on = typeof process !== 'undefined' && process.env['SKILLGRAPH_TIMING'] === '1';

export function mark(label: string): void {
  if (!on) return;
  const { user, system } = process.cpuUsage();
  process.stderr.write(`timing: ${performance.now().toFixed(0).padStart(6)} ms wall ${((user + system) / 1000).toFixed(0).padStart(6)} ms cpu  ${label}\n`);
}

/** `fn`, marked when it starts and when it ends. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  mark(`${label} …`);
  try {
    return await fn();
  } finally {
    mark(`${label} done`);
  }
}
