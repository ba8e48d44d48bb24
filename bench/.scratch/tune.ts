import { readFileSync } from 'node:fs';
type Rec = { rel: number[]; [k: string]: number[] };
const data = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<string, Rec[]>;
const SIG = ['sentLab', 'sentDesc', 'phr', 'lexSent', 'lexPhr', 'exact'];
const F: Record<string, Float32Array[]> = {};
for (const d of Object.keys(data)) for (const r of data[d]!) for (const k of SIG) (r as any)['_' + k] = Float32Array.from(r[k]!);
function evalSet(recs: Rec[], w: number[]) {
  let rp5 = 0, mrr = 0, rp1 = 0, rp10 = 0;
  for (const r of recs) {
    const arrs = SIG.map((k) => (r as any)['_' + k] as Float32Array);
    const n = arrs[0]!.length;
    const s = new Float32Array(n);
    for (let j = 0; j < SIG.length; j++) { const wk = w[j]!; if (!wk) continue; const a = arrs[j]!; for (let i = 0; i < n; i++) s[i] += wk * a[i]!; }
    const ranks = r.rel.map((j) => { let c = 0; const v = s[j]!; for (let i = 0; i < n; i++) if (s[i]! > v || (s[i] === v && i < j)) c++; return c; });
    const R = r.rel.length;
    rp1 += ranks.filter((x) => x < 1).length / 1;
    rp5 += ranks.filter((x) => x < 5).length / Math.min(5, R);
    rp10 += ranks.filter((x) => x < 10).length / Math.min(10, R);
    mrr += 1 / (Math.min(...ranks) + 1);
  }
  const q = recs.length;
  return { rp1: rp1 / q, rp5: rp5 / q, rp10: rp10 / q, mrr: mrr / q };
}
const sets = (process.argv[3] ?? Object.keys(data).join(',')).split(',');
const obj = (w: number[]) => { let t = 0; for (const d of sets) { const m = evalSet(data[d]!, w); t += (m.rp5 + m.mrr) / 2; } return t / sets.length; };
let w = [0.25, 0.15, 0.35, 0.1, 0.1, 0.05];
let best = obj(w);
const steps = [0.1, 0.05, 0.025];
for (const st of steps) {
  let improved = true;
  while (improved) {
    improved = false;
    for (let j = 0; j < SIG.length; j++) for (const dir of [1, -1]) {
      const c = [...w]; c[j] = Math.max(0, +(c[j]! + dir * st).toFixed(3));
      const v = obj(c);
      if (v > best + 1e-4) { best = v; w = c; improved = true; }
    }
  }
  console.log(st, JSON.stringify(w), best.toFixed(4));
}
for (const d of Object.keys(data)) { const m = evalSet(data[d]!, w); console.log(d, [m.rp1, m.rp5, m.rp10, m.mrr].map((x) => (100 * x).toFixed(1)).join('/')); }
