/**
 * Gap-matrix cells released under zero-concentrated differential privacy (issue 17). The unit of
 * privacy is one person of the cohort: adding or removing one person changes the cohort size by 1
 * and each cell's covered / verified counts by at most 1, and nothing else (which cells exist and
 * their demand come from postings, which are not personal). One release of m cells is therefore a
 * vector with squared L2 sensitivity 1 + 2m, released with discrete Gaussian noise at the ρ asked.
 *
 * k-anonymity stays as the minimum cell size, applied to the noisy counts (a suppression decided on
 * exact counts would itself leak). What-if is answered on the noisy baseline: the baseline is the
 * plain release of the same window (same noise), and the change the credential makes to each cell is
 * a second release (one person moves the chosen set by at most one in and one out, so each cell's
 * change moves by at most 1: squared sensitivity m).
 */
import type { GapRow } from '../analytics/types.ts';
import { supplyCell } from '../analytics/supply.ts';
import { sampleDiscreteGaussian } from './discrete-gaussian.ts';
import { satisfies } from '../../taxonomy/model/option-check.ts';
import { checkPrivacyOption, minimumCellSize } from './errors.ts';
import { uniformStream, type Prf } from './noise-source.ts';
import { sigma2For } from './zcdp.ts';

export interface ReleaseOptions {
  /** Keyed PRF (server secret): the noise of a release is a function of `releaseId`. */
  readonly prf: Prf;
  /** Canonical id of the release: the query and the data version it is computed on. */
  readonly releaseId: string;
  /** zCDP ρ this release spends. */
  readonly rho: number;
  /** Minimum cell size (k-anonymity on the noisy counts). */
  readonly k: number;
}

/** The noisy counts of a release (kept for what-if, which builds on them). */
interface NoisyCounts {
  readonly n: number;
  readonly count: Map<string, number>;
  readonly verified: Map<string, number>;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function noise(prf: Prf, releaseId: string, what: string, sigma2: number): number {
  return sampleDiscreteGaussian(sigma2, uniformStream(prf, `${releaseId}\u0000${what}`));
}

/** Exact counts of a row computed with k = 1 (no suppression): covered and verified people. */
function countsOf(row: GapRow): { count: number; verified: number } {
  const count = row.supplyCount ?? 0;
  const verified = row.verifiedSupply === null ? 0 : Math.round(row.verifiedSupply * row.cohortSize);
  return { count, verified };
}

const nonEmptyString = satisfies<string>('a non-empty string', (v) => typeof v === 'string' && v !== '');

function check(rows: readonly GapRow[], o: ReleaseOptions): void {
  checkPrivacyOption('k', o.k, minimumCellSize);
  checkPrivacyOption('releaseId', o.releaseId, nonEmptyString);
  const n = rows[0]?.cohortSize;
  if (rows.some((r) => r.cohortSize !== n)) throw checkPrivacyOption.invalid('rows', `cohort sizes ${n} and ${rows.find((r) => r.cohortSize !== n)!.cohortSize}`, 'one cohort size (one release is one cohort)');
}

function noisyCounts(rows: readonly GapRow[], o: ReleaseOptions): NoisyCounts {
  check(rows, o);
  const sigma2 = sigma2For(1 + 2 * rows.length, o.rho);
  const exactN = rows[0]?.cohortSize ?? 0;
  const n = Math.max(0, exactN + noise(o.prf, o.releaseId, 'n', sigma2));
  const count = new Map<string, number>();
  const verified = new Map<string, number>();
  for (const row of rows) {
    const c = countsOf(row);
    const nc = clamp(c.count + noise(o.prf, o.releaseId, `${row.key}\u0000count`, sigma2), 0, n);
    count.set(row.key, nc);
    verified.set(row.key, clamp(c.verified + noise(o.prf, o.releaseId, `${row.key}\u0000verified`, sigma2), 0, nc));
  }
  return { n, count, verified };
}

function toRows(rows: readonly GapRow[], noisy: NoisyCounts, k: number): GapRow[] {
  return rows.map((row) => {
    const cell = supplyCell(noisy.count.get(row.key)!, noisy.verified.get(row.key)!, noisy.n, k);
    return { ...row, ...cell, cohortSize: noisy.n, gap: cell.supply === null ? null : row.demand - cell.supply };
  });
}

/**
 * The rows of one gap query (computed with k = 1, exact) as released: noisy cohort size, covered and
 * verified counts; supply shares from the noisy counts; cells under k suppressed. Deterministic in
 * (prf, releaseId).
 */
export function releaseGapRows(rows: readonly GapRow[], o: ReleaseOptions): GapRow[] {
  return toRows(rows, noisyCounts(rows, o), o.k);
}

export interface WhatIfReleaseOptions extends ReleaseOptions {
  /** The id of the baseline release (the plain gap query of the same window): same noise as it. */
  readonly baselineId: string;
  /** ρ of the baseline release (charged under `baselineId`). */
  readonly baselineRho: number;
}

/**
 * A what-if on the noisy baseline: `before` is exactly the baseline release; `after` adds to each
 * noisy count the credential's change to it plus fresh noise (release `releaseId`, ρ `rho`).
 * Verified counts do not change (a what-if award is unverified).
 */
export function releaseWhatIf(before: readonly GapRow[], after: readonly GapRow[], o: WhatIfReleaseOptions): { before: GapRow[]; after: GapRow[] } {
  check(after, o);
  const base = noisyCounts(before, { ...o, releaseId: o.baselineId, rho: o.baselineRho });
  const afterCounts = new Map(after.map((r) => [r.key, countsOf(r).count]));
  const sigma2 = sigma2For(Math.max(1, before.length), o.rho);
  const count = new Map<string, number>();
  for (const row of before) {
    const delta = (afterCounts.get(row.key) ?? countsOf(row).count) - countsOf(row).count;
    count.set(row.key, clamp(base.count.get(row.key)! + delta + noise(o.prf, o.releaseId, `${row.key}\u0000delta`, sigma2), 0, base.n));
  }
  const verified = new Map(before.map((r) => [r.key, Math.min(base.verified.get(r.key)!, count.get(r.key)!)]));
  return { before: toRows(before, base, o.k), after: toRows(before, { n: base.n, count, verified }, o.k) };
}
