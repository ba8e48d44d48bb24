import { readFileSync, writeFileSync } from 'node:fs';

function vmHwmBytes(): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resets the kernel's peak-RSS mark (Linux `clear_refs` 5); false where that is not possible. */
function resetVmHwm(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export interface PeakMeter {
  /** Peak resident set size in bytes since the meter started. */
  stop(): number;
}

/**
 * Measures the peak RSS of a phase. On Linux the kernel's VmHWM is reset at start and read at stop,
 * which also sees synchronous work (a SQLite transaction); elsewhere `process.memoryUsage().rss`
 * is sampled every `intervalMs` (blind while the event loop is blocked).
 */
export function startPeakMeter(intervalMs = 20): PeakMeter {
  const kernel = resetVmHwm() && vmHwmBytes() !== null;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return kernel ? Math.max(peak, vmHwmBytes() ?? 0) : peak;
    },
  };
}

/** Runs a full GC when node was started with --expose-gc, so phases start from a settled heap. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
