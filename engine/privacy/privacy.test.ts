import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GapRow } from '../analytics/types.ts';
import { PrivacyAccountant } from './accountant.ts';
import { discreteGaussianPmf, sampleDiscreteGaussian, sampleDiscreteLaplace } from './discrete-gaussian.ts';
import { PrivacyErrorCode } from './errors.ts';
import { uniformStream, type Prf } from './noise-source.ts';
import { releaseGapRows, releaseWhatIf } from './release-gaps.ts';
import { epsilonOf, sigma2For } from './zcdp.ts';

/** The composition root's PRF: HMAC-SHA256 keyed by a server secret. */
const hmac = (secret: string): Prf => (m) => createHmac('sha256', secret).update(m).digest();

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) };
}

describe('uniformStream(prf, label)', () => {
  it('is deterministic per (secret, label), differs across labels and secrets, and stays in (0, 1)', () => {
    const take = (prf: Prf, label: string) => {
      const u = uniformStream(prf, label);
      return Array.from({ length: 10 }, u);
    };
    expect(take(hmac('s'), 'q')).toEqual(take(hmac('s'), 'q'));
    expect(take(hmac('s'), 'q')).not.toEqual(take(hmac('s'), 'q2'));
    expect(take(hmac('s'), 'q')).not.toEqual(take(hmac('t'), 'q'));
    const u = uniformStream(hmac('s'), 'range');
    const xs = Array.from({ length: 20_000 }, u);
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(moments(xs).mean - 0.5)).toBeLessThan(0.01);
  });
  it('refuses a prf returning fewer than 8 bytes', () => {
    expect(() => uniformStream(() => new Uint8Array(4), 'x')()).toThrow(/invalid prf/);
  });
});

describe('sampleDiscreteLaplace(t, u)', () => {
  it('has mean 0 and variance 2q/(1−q)² with q = exp(−1/t)', () => {
    const u = uniformStream(hmac('laplace'), 'l');
    const t = 4;
    const xs = Array.from({ length: 40_000 }, () => sampleDiscreteLaplace(t, u));
    const q = Math.exp(-1 / t);
    const variance = (2 * q) / (1 - q) ** 2;
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan((5 * Math.sqrt(variance)) / Math.sqrt(xs.length));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
    expect(xs.every(Number.isInteger)).toBe(true);
  });
  it('refuses a scale ≤ 0 with a coded error', () => {
    expect(() => sampleDiscreteLaplace(0, () => 0.5)).toThrow(expect.objectContaining({ code: PrivacyErrorCode.InvalidOption }));
  });
});

describe('sampleDiscreteGaussian(σ², u)', () => {
  for (const sigma2 of [0.5, 9, 400]) {
    it(`σ² = ${sigma2}: integer draws with mean 0, variance σ², Gaussian tails and the exact pmf near 0`, () => {
      const u = uniformStream(hmac('gauss'), `g${sigma2}`);
      const N = 40_000;
      const xs = Array.from({ length: N }, () => sampleDiscreteGaussian(sigma2, u));
      expect(xs.every(Number.isInteger)).toBe(true);
      // exact variance of the discrete Gaussian (≈ σ² for σ ≥ 1, smaller below)
      let v = 0;
      const bound = Math.ceil(Math.sqrt(sigma2) * 12) + 5;
      for (let y = -bound; y <= bound; y++) v += y * y * discreteGaussianPmf(sigma2, y);
      const m = moments(xs);
      expect(Math.abs(m.mean)).toBeLessThan((5 * Math.sqrt(v)) / Math.sqrt(N));
      expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.06);
      // tails: P(|Y| > 3σ) is the Gaussian's 0.27 % (bounded by twice that with sampling slack)
      const sigma = Math.sqrt(sigma2);
      expect(xs.filter((x) => Math.abs(x) > 3 * sigma).length / N).toBeLessThan(0.0054);
      expect(Math.max(...xs.map(Math.abs))).toBeLessThan(7 * sigma + 3);
      // pmf at 0 and 1 within 5 standard errors
      for (const y of [0, 1]) {
        const p = discreteGaussianPmf(sigma2, y);
        const f = xs.filter((x) => x === y).length / N;
        expect(Math.abs(f - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
      }
    });
  }
});

describe('zCDP: sigma2For(Δ², ρ) and epsilonOf(ρ, δ)', () => {
  it('σ² = Δ²/2ρ and ε = ρ + 2√(ρ ln 1/δ)', () => {
    expect(sigma2For(41, 0.05)).toBeCloseTo(410, 9);
    expect(epsilonOf(0.5, 1e-6)).toBeCloseTo(0.5 + 2 * Math.sqrt(0.5 * Math.log(1e6)), 12);
    expect(() => sigma2For(1, 0)).toThrow(expect.objectContaining({ code: PrivacyErrorCode.InvalidOption }));
    expect(() => epsilonOf(1, 0)).toThrow(expect.objectContaining({ code: PrivacyErrorCode.InvalidOption }));
  });
});

describe('PrivacyAccountant.charge(key, release, ρ, now)', () => {
  const day = 86_400_000;
  it('charges a release once per key and period, refuses past the budget, and resets with the period', () => {
    const acc = new PrivacyAccountant({ budget: 0.2, periodMs: day });
    const t = 10 * day + 5;
    expect(acc.charge('k1', 'q1', 0.1, t)).toMatchObject({ ok: true, repeat: false });
    expect(acc.charge('k1', 'q1', 0.1, t + 1)).toMatchObject({ ok: true, repeat: true });
    expect(acc.spent('k1', t)).toBeCloseTo(0.1, 12);
    expect(acc.charge('k1', 'q2', 0.1, t)).toMatchObject({ ok: true, repeat: false });
    const refused = acc.charge('k1', 'q3', 0.1, t);
    expect(refused).toMatchObject({ ok: false, resetsAt: 11 * day });
    expect(acc.spent('k1', t)).toBeCloseTo(0.2, 12);
    // other keys have their own budget; the next period starts at zero
    expect(acc.charge('k2', 'q3', 0.1, t).ok).toBe(true);
    expect(acc.charge('k1', 'q3', 0.1, 11 * day).ok).toBe(true);
    expect(acc.spent('k1', 11 * day)).toBeCloseTo(0.1, 12);
  });
  it('fits exactly budget/ρ releases despite float sums', () => {
    const acc = new PrivacyAccountant({ budget: 1, periodMs: day });
    let ok = 0;
    for (let i = 0; i < 20; i++) if (acc.charge('k', `q${i}`, 0.1, 0).ok) ok++;
    expect(ok).toBe(10);
  });
  it('exports its period and merges another ledger as a union of releases (restarts, replicas)', () => {
    const t = 3 * day;
    const a = new PrivacyAccountant({ budget: 0.3, periodMs: day });
    const b = new PrivacyAccountant({ budget: 0.3, periodMs: day });
    a.charge('k', 'q1', 0.1, t);
    b.charge('k', 'q1', 0.1, t);
    b.charge('k', 'q2', 0.1, t);
    b.charge('old', 'q', 0.1, t - day);
    a.merge(JSON.parse(JSON.stringify(b.export(t))), t);
    expect(a.spent('k', t)).toBeCloseTo(0.2, 12);
    expect(a.has('k', 'q2', t)).toBe(true);
    expect(a.spent('old', t)).toBe(0);
    expect(a.charge('k', 'q3', 0.1, t).ok).toBe(true);
    expect(a.charge('k', 'q4', 0.1, t).ok).toBe(false);
    // a ledger of another period length is not comparable and ignored
    const c = new PrivacyAccountant({ budget: 0.3, periodMs: 2 * day });
    c.merge(b.export(t), t);
    expect(c.spent('k', t)).toBe(0);
  });
  it('refuses invalid options with a coded error', () => {
    expect(() => new PrivacyAccountant({ budget: 0, periodMs: day })).toThrow(expect.objectContaining({ code: PrivacyErrorCode.InvalidOption }));
    expect(() => new PrivacyAccountant({ budget: 1, periodMs: day }).charge('k', 'q', -1, 0)).toThrow(expect.objectContaining({ code: PrivacyErrorCode.InvalidOption }));
  });
});

function row(key: string, count: number, verified: number, n: number, demand = 0.5): GapRow {
  return { key, label: key, month: null, demand, demandCount: 10, postings: 20, supply: count / n, verifiedSupply: verified / n, claimedSupply: (count - verified) / n, supplyCount: count, cohortSize: n, gap: demand - count / n, suppressed: false };
}

describe('releaseGapRows(rows, options)', () => {
  const rows = [row('a', 400, 100, 1000), row('b', 30, 0, 1000), row('c', 2, 1, 1000)];
  const opts = { prf: hmac('secret'), releaseId: 'gaps|skill|2025-01-01|2026-01-01|v1', rho: 0.05, k: 5 };
  it('is deterministic per (secret, release) and differs for another release or secret', () => {
    expect(releaseGapRows(rows, opts)).toEqual(releaseGapRows(rows, opts));
    expect(releaseGapRows(rows, { ...opts, releaseId: 'other' })).not.toEqual(releaseGapRows(rows, opts));
    expect(releaseGapRows(rows, { ...opts, prf: hmac('other') })).not.toEqual(releaseGapRows(rows, opts));
  });
  it('releases noisy counts whose shares agree with them, keeps demand, and suppresses noisy cells under k', () => {
    const out = releaseGapRows(rows, opts);
    for (const [i, r] of out.entries()) {
      expect(r.demand).toBe(rows[i]!.demand);
      expect(Number.isInteger(r.cohortSize)).toBe(true);
      if (!r.suppressed) {
        expect(r.supply).toBeCloseTo(r.supplyCount! / r.cohortSize, 12);
        expect(r.gap).toBeCloseTo(r.demand - r.supply!, 12);
        expect(r.supplyCount === 0 || r.supplyCount! >= 5).toBe(true);
      }
    }
    // σ² = (1 + 2·3)/(2·0.05) = 70: the big cell stays within 6σ of the truth
    expect(Math.abs(out[0]!.supplyCount! - 400)).toBeLessThan(6 * Math.sqrt(70));
  });
  it('is unbiased over many secrets (mean of the noisy count ≈ the count)', () => {
    const counts = Array.from({ length: 2000 }, (_, i) => releaseGapRows(rows, { ...opts, prf: hmac(`s${i}`) })[0]!.supplyCount!);
    const m = moments(counts);
    expect(Math.abs(m.mean - 400)).toBeLessThan(5 * Math.sqrt(70 / 2000));
    expect(Math.abs(m.variance / 70 - 1)).toBeLessThan(0.15);
  });
  it('refuses rows of different cohorts and k < 1 with coded errors', () => {
    expect(() => releaseGapRows([row('a', 1, 0, 10), row('b', 1, 0, 11)], opts)).toThrow(expect.objectContaining({ code: PrivacyErrorCode.InvalidOption }));
    expect(() => releaseGapRows(rows, { ...opts, k: 0 })).toThrow(expect.objectContaining({ code: PrivacyErrorCode.InvalidOption }));
  });
});

describe('releaseWhatIf(before, after, options)', () => {
  it('answers on the noisy baseline: `before` is exactly the baseline release, `after` moves it by the change plus noise', () => {
    const before = [row('a', 400, 100, 1000), row('b', 300, 0, 1000)];
    const after = [row('a', 401, 100, 1000), row('b', 300, 0, 1000)];
    const o = { prf: hmac('secret'), releaseId: 'whatif|x|1|v1', rho: 0.05, k: 5, baselineId: 'gaps|v1', baselineRho: 0.05 };
    const w = releaseWhatIf(before, after, o);
    expect(w.before).toEqual(releaseGapRows(before, { ...o, releaseId: 'gaps|v1' }));
    expect(w.after.map((r) => r.cohortSize)).toEqual(w.before.map((r) => r.cohortSize));
    expect(releaseWhatIf(before, after, o)).toEqual(w);
  });
  it('the change it shows is the true change plus fresh noise of variance m/2ρ (never exactly one person)', () => {
    const before = [row('a', 400, 100, 1000), row('b', 300, 0, 1000)];
    const after = [row('a', 401, 100, 1000), row('b', 300, 0, 1000)];
    const diffs = Array.from({ length: 2000 }, (_, i) => {
      const w = releaseWhatIf(before, after, { prf: hmac(`w${i}`), releaseId: 'whatif', rho: 0.05, k: 5, baselineId: 'gaps', baselineRho: 0.05 });
      return w.after[0]!.supplyCount! - w.before[0]!.supplyCount!;
    });
    const m = moments(diffs);
    const sigma2 = 2 / (2 * 0.05);
    expect(Math.abs(m.mean - 1)).toBeLessThan(5 * Math.sqrt(sigma2 / diffs.length));
    expect(Math.abs(m.variance / sigma2 - 1)).toBeLessThan(0.15);
    expect(diffs.filter((d) => d === 1).length / diffs.length).toBeLessThan(0.2);
  });
});

/**
 * Differencing: an attacker who knows everyone but one person tries to tell whether that person is in
 * the cohort, from two windows (a window with the person's month and one without) — the attack that
 * recovers presence with certainty from exact counts. Over many independent secrets the best
 * threshold test may succeed at most e^ε/(1+e^ε) + δ of the time for the (ε, δ) of the two releases.
 */
describe('differencing two windows cannot recover one person beyond the stated ε', () => {
  const rho = 0.05;
  const delta = 1e-6;
  const eps = epsilonOf(2 * rho, delta); // two releases compose: ρ adds
  const bound = Math.exp(eps) / (1 + Math.exp(eps)) + delta;
  // window 1 holds the person's month; window 2 is the same minus that month
  const world = (present: boolean) => ({
    w1: [row('s', 50 + (present ? 1 : 0), 20, 1000 + (present ? 1 : 0)), row('t', 80, 10, 1000 + (present ? 1 : 0))],
    w2: [row('s', 50, 20, 1000 + (present ? 1 : 0)), row('t', 80, 10, 1000 + (present ? 1 : 0))],
  });
  const attack = (present: boolean, secret: string): boolean => {
    const w = world(present);
    const r1 = releaseGapRows(w.w1, { prf: hmac(secret), releaseId: 'w1', rho, k: 5 });
    const r2 = releaseGapRows(w.w2, { prf: hmac(secret), releaseId: 'w2', rho, k: 5 });
    return r1[0]!.supplyCount! - r2[0]!.supplyCount! >= 1; // guess "present" when window 1 counts more
  };
  it(`exact counts (k-anonymity only) give the person away every time; the DP release stays under ${(bound * 100).toFixed(0)} %`, () => {
    // exact: the difference is 1 when present, 0 when absent
    const exact = (present: boolean) => world(present).w1[0]!.supplyCount! - world(present).w2[0]!.supplyCount! >= 1;
    expect(exact(true) && !exact(false)).toBe(true);
    const trials = 1500;
    let correct = 0;
    for (let i = 0; i < trials; i++) {
      const present = i % 2 === 0;
      if (attack(present, `trial-${i}`) === present) correct++;
    }
    const rate = correct / trials;
    expect(rate).toBeLessThan(bound + 3 * Math.sqrt(0.25 / trials));
    // and in fact close to a coin flip at this noise (σ² = 50)
    expect(rate).toBeLessThan(0.6);
  });
});
