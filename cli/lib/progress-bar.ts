import cliProgress from 'cli-progress';

export interface ProgressBar {
  /** Progress callback (`ProgressFn` shape): a new phase restarts the bar with its own total. */
  readonly update: (phase: string, done: number, total: number) => void;
  readonly stop: () => void;
}

const SILENT: ProgressBar = { update: () => {}, stop: () => {} };

/** A cli-progress bar on stderr when it is a TTY; silent when piped or with `--json`. */
export function progressBar(opts: { readonly json?: boolean } = {}): ProgressBar {
  if (opts.json || !process.stderr.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  return {
    update(phase, done, total) {
      if (phase !== current) {
        if (current !== null) bar.stop();
        current = phase;
        bar.start(Math.max(total, 1), done, { phase });
      } else {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { phase });
      }
    },
    stop() {
      if (current !== null) bar.stop();
      current = null;
    },
  };
}
