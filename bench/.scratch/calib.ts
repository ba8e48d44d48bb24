import { readFileSync } from 'node:fs';
import { fitLogistic } from '../../engine/linking/calibration.ts';
type Rec = { rel: number[]; [k: string]: number[] };
const data = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<string, Rec[]>;
const W: Record<string, number> = JSON.parse(process.argv[3]!);
const samples: { x: number; y: 0 | 1 }[] = [];
for (const d of Object.keys(data)) for (const r of data[d]!) {
  const n = r.sentLab!.length; const s = new Float32Array(n);
  for (const [k, w] of Object.entries(W)) { const a = r[k]!; for (let i = 0; i < n; i++) s[i] += w * a[i]!; }
  const order = Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!).slice(0, 10);
  const rel = new Set(r.rel);
  for (const i of order) samples.push({ x: s[i]!, y: rel.has(i) ? 1 : 0 });
  for (const i of r.rel) if (!order.includes(i)) samples.push({ x: s[i]!, y: 1 });
}
const c = fitLogistic(samples);
console.log(samples.length, samples.filter((s) => s.y).length, c);
// reliability table
const bins = [0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.01];
for (let b = 0; b < bins.length - 1; b++) {
  const inb = samples.filter((s) => { const p = 1 / (1 + Math.exp(-(c.a * s.x + c.b))); return p >= bins[b]! && p < bins[b + 1]!; });
  console.log(`${bins[b]}-${bins[b + 1]}`, inb.length, inb.length ? (inb.filter((s) => s.y).length / inb.length).toFixed(2) : '-');
}
