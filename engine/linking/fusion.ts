import { finiteAtLeast, integerIn } from '../../taxonomy/model/option-check.ts';
import { checkLinkingOption as check, invalidOption } from './errors.ts';
import { FEATURES, N_FEATURES, type Feature } from './features.ts';
import type { FusionWeights } from './fusion-weights.ts';

/** One training query: its candidate skills' feature vectors (FEATURES order) and which are gold. */
export interface FusionQuery {
  readonly candidates: readonly { readonly skillId: string; readonly features: Float32Array }[];
  readonly relevant: ReadonlySet<string>;
}

export interface FitFusionOptions {
  /** Features to learn weights for; the others get weight 0 (default: all FEATURES). */
  readonly features?: readonly Feature[];
  /** L2 penalty on the weights (default 0.01); keeps rare features (priors) from running away. */
  readonly l2?: number;
  /** Newton iterations at most (default 50). */
  readonly iterations?: number;
  /** Shrink toward these weights instead of 0: the penalty is l2/2·|w − prior|² (default: all 0). */
  readonly prior?: Partial<FusionWeights>;
  /** Per query, how much it counts in the objective (default 1 each; parallel to `queries`). */
  readonly queryWeights?: readonly number[];
}

/** Solves A·x = b (n × n, Gaussian elimination with partial pivoting); null when singular. */
function solve(a: Float64Array[], b: Float64Array): Float64Array | null {
  const n = b.length;
  const m = a.map((row, i) => Float64Array.from([...row, b[i]!]));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-14) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = m[r]![c]! / m[c]![c]!;
      if (k !== 0) for (let j = c; j <= n; j++) m[r]![j] = m[r]![j]! - k * m[c]![j]!;
    }
  }
  return Float64Array.from({ length: n }, (_, i) => m[i]![n]! / m[i]![i]!);
}

/**
 * Learns fusion weights with a listwise objective: per query, the softmax over its candidates' fused
 * scores (Σ weight·feature) should put its mass on the gold skills — minimise the mean over queries of
 * −Σ_gold log softmax, plus l2/2·|w|². Convex; solved by Newton's method (exact gradient and Hessian),
 * so the same queries give bit-identical weights (no randomness at all). Queries with no gold candidate
 * carry no signal and are skipped.
 */
export function fitFusion(queries: readonly FusionQuery[], opts: FitFusionOptions = {}): FusionWeights {
  const features = opts.features ?? FEATURES;
  const l2 = check('l2', opts.l2 ?? 0.01, finiteAtLeast(0));
  const iterations = check('iterations', opts.iterations ?? 50, integerIn(1));
  if (!Array.isArray(queries as unknown)) throw invalidOption('queries', queries, 'an array of { candidates, relevant }');
  for (const f of features) if (!FEATURES.includes(f)) throw invalidOption('features', f, `one of ${FEATURES.join(', ')}`);
  const cols = features.map((f) => FEATURES.indexOf(f));
  const d = cols.length;
  const prior = Float64Array.from(features, (f) => opts.prior?.[f] ?? 0);
  if (prior.some((x) => !Number.isFinite(x))) throw invalidOption('prior', opts.prior, 'finite weights');
  if (opts.queryWeights !== undefined && (opts.queryWeights.length !== queries.length || opts.queryWeights.some((x) => !(x >= 0) || !Number.isFinite(x)))) {
    throw invalidOption('queryWeights', `${opts.queryWeights.length} weights`, `${queries.length} finite weights ≥ 0`);
  }
  const keep = queries.map((q, i) => q.candidates.some((c) => q.relevant.has(c.skillId)) && (opts.queryWeights?.[i] ?? 1) > 0);
  const used = queries.filter((_, i) => keep[i]);
  const qw = Float64Array.from(queries.flatMap((_, i) => (keep[i] ? [opts.queryWeights?.[i] ?? 1] : [])));
  if (used.length === 0) throw invalidOption('queries', `${queries.length} queries`, 'at least one query with a gold candidate');
  // Per query: features (n × d, row-major) and gold flags.
  const data = used.map((q) => {
    const x = new Float64Array(q.candidates.length * d);
    q.candidates.forEach((c, i) => cols.forEach((f, j) => (x[i * d + j] = c.features[f]!)));
    return { x, n: q.candidates.length, gold: q.candidates.map((c) => q.relevant.has(c.skillId)) };
  }).map((q, i) => ({ ...q, weight: qw[i]! }));
  const m = qw.reduce((a, b) => a + b, 0);
  /** Fused scores of a query's candidates at w, and their maximum (for a stable softmax). */
  const scores = (q: (typeof data)[number], w: Float64Array): { s: Float64Array; max: number } => {
    const s = new Float64Array(q.n);
    let max = -Infinity;
    for (let i = 0; i < q.n; i++) {
      let acc = 0;
      for (let j = 0; j < d; j++) acc += w[j]! * q.x[i * d + j]!;
      s[i] = acc;
      if (acc > max) max = acc;
    }
    return { s, max };
  };
  /** The objective at w: mean over queries of −Σ_gold log softmax, plus l2/2·|w|². */
  const loss = (w: Float64Array): number => {
    let total = 0;
    for (const q of data) {
      const { s, max } = scores(q, w);
      let z = 0;
      for (let i = 0; i < q.n; i++) z += Math.exp(s[i]! - max);
      const logZ = max + Math.log(z);
      for (let i = 0; i < q.n; i++) if (q.gold[i]) total += q.weight * (logZ - s[i]!);
    }
    let reg = 0;
    for (let j = 0; j < d; j++) reg += (w[j]! - prior[j]!) ** 2;
    return total / m + (l2 / 2) * reg;
  };
  let w = Float64Array.from(prior);
  let current = loss(w);
  for (let it = 0; it < iterations; it++) {
    const g = new Float64Array(d);
    const h = Array.from({ length: d }, () => new Float64Array(d));
    for (const q of data) {
      const { s, max } = scores(q, w);
      let z = 0;
      for (let i = 0; i < q.n; i++) z += (s[i] = Math.exp(s[i]! - max));
      const mu = new Float64Array(d);
      for (let i = 0; i < q.n; i++) for (let j = 0; j < d; j++) mu[j] = mu[j]! + (s[i]! / z) * q.x[i * d + j]!;
      const nGold = q.weight * q.gold.filter(Boolean).length;
      // Gradient of −Σ_gold (s_g − log Z): nGold·E_p[x] − Σ_gold x_g; Hessian: nGold·Cov_p[x].
      for (let i = 0; i < q.n; i++) if (q.gold[i]) for (let j = 0; j < d; j++) g[j] = g[j]! - q.weight * q.x[i * d + j]!;
      for (let j = 0; j < d; j++) g[j] = g[j]! + nGold * mu[j]!;
      for (let i = 0; i < q.n; i++) {
        const p = (s[i]! / z) * nGold;
        for (let a = 0; a < d; a++) {
          const xa = q.x[i * d + a]! - mu[a]!;
          if (xa === 0) continue;
          for (let b = 0; b < d; b++) h[a]![b] = h[a]![b]! + p * xa * (q.x[i * d + b]! - mu[b]!);
        }
      }
    }
    for (let j = 0; j < d; j++) {
      g[j] = g[j]! / m + l2 * (w[j]! - prior[j]!);
      for (let b = 0; b < d; b++) h[j]![b] = h[j]![b]! / m + (j === b ? l2 + 1e-9 : 0);
    }
    const step = solve(h, g);
    if (!step) break;
    // Damped Newton: halve the step until the objective goes down (plain Newton can overshoot far from the optimum).
    let t = 1;
    let next = w;
    let value = current;
    for (let tries = 0; tries < 40; tries++, t /= 2) {
      const cand = Float64Array.from(w, (v, j) => v - t * step[j]!);
      const v = loss(cand);
      if (v <= current) {
        next = cand;
        value = v;
        break;
      }
    }
    let size = 0;
    for (let j = 0; j < d; j++) size += Math.abs(next[j]! - w[j]!);
    w = next;
    const improved = current - value;
    current = value;
    if (size < 1e-9 || improved < 1e-12) break;
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const out = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<Feature, number>;
  cols.forEach((f, j) => (out[FEATURES[f]!] = round(w[j]!)));
  return Object.freeze(out);
}

/** Σ weight·feature of a feature vector. */
export function fusedScore(weights: FusionWeights, features: Float32Array): number {
  let acc = 0;
  for (let f = 0; f < N_FEATURES; f++) acc += weights[FEATURES[f]!] * features[f]!;
  return acc;
}
