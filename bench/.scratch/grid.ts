import { readFileSync } from 'node:fs';
type Rec = { rel: number[]; sentLab: number[]; sentDesc: number[]; phr: number[]; lexSent: number[]; lexPhr: number[]; exact: number[] };
const file = process.argv[2]!;
const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Rec[]>;
const SIG = ['sentLab', 'sentDesc', 'phr', 'lexSent', 'lexPhr', 'exact'] as const;
type W = Partial<Record<(typeof SIG)[number], number>>;
function evalSet(recs: Rec[], w: W) {
  let rp1 = 0, rp5 = 0, rp10 = 0, mrr = 0;
  for (const r of recs) {
    const n = r.sentLab.length;
    const s = new Float64Array(n);
    for (const k of SIG) { const wk = w[k]; if (!wk) continue; const a = r[k]; for (let i = 0; i < n; i++) s[i] += wk * a[i]!; }
    const ranks = r.rel.map((j) => { let c = 0; const v = s[j]!; for (let i = 0; i < n; i++) if (s[i]! > v || (s[i] === v && i < j)) c++; return c; });
    const R = r.rel.length;
    rp1 += ranks.filter((x) => x < 1).length / Math.min(1, R);
    rp5 += ranks.filter((x) => x < 5).length / Math.min(5, R);
    rp10 += ranks.filter((x) => x < 10).length / Math.min(10, R);
    mrr += 1 / (Math.min(...ranks) + 1);
  }
  const q = recs.length;
  return [rp1 / q, rp5 / q, rp10 / q, mrr / q].map((x) => +(100 * x).toFixed(1));
}
const configs: Record<string, W> = JSON.parse(process.argv[3] ?? '{}');
const base: Record<string, W> = {
  lexical: { lexSent: 1 }, minilmSent: { sentLab: 1 }, blend: { lexSent: 0.5, sentLab: 0.5 },
  phr: { phr: 1 }, desc: { sentDesc: 1 }, lexPhr: { lexPhr: 1 },
  ...configs,
};
for (const [name, w] of Object.entries(base)) {
  const row = Object.keys(data).map((d) => evalSet(data[d]!, w).join('/'));
  console.log(name.padEnd(14), row.join('   '));
}
