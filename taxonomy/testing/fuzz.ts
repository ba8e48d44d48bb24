/**
 * Settings and outcome report shared by the property-based fuzz tests (`*.fuzz.test.ts`).
 * `npm test` runs each property's fixed number of cases with seed 42; `npx tsx scripts/fuzz-long.ts` reruns the
 * files with SKILLGRAPH_FUZZ_RUNS, SKILLGRAPH_FUZZ_SEED and SKILLGRAPH_FUZZ_REPORT (docs/RELIABILITY.md).
 */
import { appendFileSync } from 'node:fs';

/** The fast-check seed: SKILLGRAPH_FUZZ_SEED, else 42. */
export const FUZZ_SEED = Number(process.env['SKILLGRAPH_FUZZ_SEED'] ?? 42);

/** `n` cases in `npm test`; SKILLGRAPH_FUZZ_RUNS × `weight` in the long run. */
export function fuzzRuns(n: number, weight = 1): number {
  const env = process.env['SKILLGRAPH_FUZZ_RUNS'];
  return env === undefined ? n : Math.max(n, Math.round(Number(env) * weight));
}

/** Counts of outcomes per property of one fuzz target. */
export interface FuzzOutcomes {
  /** Counts one case of `property` that ended in `outcome` ('ok', an error code, …). */
  note(property: string, outcome: string): void;
  /** Appends `{ target, seed, outcomes }` as one JSON line to SKILLGRAPH_FUZZ_REPORT, if set (call in afterAll). */
  report(): void;
}

export function fuzzOutcomes(target: string): FuzzOutcomes {
  const outcomes: Record<string, Record<string, number>> = {};
  return {
    note(property, outcome) {
      const t = (outcomes[property] ??= {});
      t[outcome] = (t[outcome] ?? 0) + 1;
    },
    report() {
      const file = process.env['SKILLGRAPH_FUZZ_REPORT'];
      if (file) appendFileSync(file, `${JSON.stringify({ target, seed: FUZZ_SEED, outcomes })}\n`);
    },
  };
}
