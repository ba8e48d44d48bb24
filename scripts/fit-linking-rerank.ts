/**
 * Fits stage 2 of linking — the cross-encoder reranker's top K, its logit's weight w and the calibrations of
 * the stage-2 score per kind of text — and reports on the Decorte dev sets (issue 18, item 2).
 *
 *   npx tsx scripts/fit-linking-rerank.ts                          # report only
 *   npx tsx scripts/fit-linking-rerank.ts --write                  # also write the weights file's `rerank` block (v7)
 *   npx tsx scripts/fit-linking-rerank.ts --model FILE --holdout scripts/cross-encoder/holdout-ids.json --ks 5,10,20,30
 *
 * Steps: (1) the real linker's stage 1 (shipped weights, no reranker) over the held-out training queries (the
 * ids wt-cetrain's training left out: scripts/cross-encoder/holdout-ids.json) and the three dev sets: per segment
 * its candidates and fused scores (`Linker.stage1Segments`); (2) the real ONNX reranker scores each requirement
 * segment's top max(K) (logits cached in the machine's embedding cache, as the product caches them); (3) for each
 * K, w fitted on a grid (max mean RP@5 + MRR, ties → smaller w) on the held-out training queries alone, and by
 * leave-one-set-out (held-out queries + the two other dev sets, scored on the third); K = the best mean LOSO RP@5
 * (the one use of dev); (4) the calibration per kind of text (posting, cv, course) on the stage-2 score of the best
 * candidate of each held-out training query and of each appended CV / course query the reranker never saw
 * (`--extra-from`: wt-cv's lines, kept when not derived from a training query outside the held-out ids) (as scripts/fit-linking-weights.ts: one feature, a kind with < 100
 * samples or a flat fit uses the posting one). The ranking is replayed from (1)–(2) with the linker's own
 * `stage2Scores` / `topByFused`, exactly as `rankSkills` ranks; `skillgraph eval linking` confirms it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createOnnxReranker, defaultRerankerFile } from '../engine/adapters/onnx-reranker.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createCachedReranker } from '../engine/embedding/cached-reranker.ts';
import { linkingQueries } from '../engine/eval/eval-linking.ts';
import { mean, reciprocalRank, rPrecisionAtK } from '../engine/eval/metrics.ts';
import { fitLogistic, type Calibration } from '../engine/linking/calibration.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { parseLinkingWeights, TEXT_KINDS, type TextKind } from '../engine/linking/linking-weights.ts';
import { stage2Scores, topByFused } from '../engine/linking/rerank.ts';
import type { RerankPair } from '../engine/ports/reranker.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { escoLexical, escoLinking } from '../bench/lib/esco-linking.ts';
import { readTrainingSet, type TrainLine } from './lib/training-set.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const trainFile = opt('train', '.cache/linking-train/train.jsonl');
const holdoutFile = opt('holdout', 'scripts/cross-encoder/holdout-ids.json');
const modelFile = opt('model', defaultRerankerFile());
const ks = opt('ks', '5,10,20,30').split(',').map(Number);
const threads = Number(opt('threads', '1'));
/** Lines of train.jsonl from this one on were appended after the reranker was trained (wt-cv's CV / course queries). */
const extraFrom = Number(opt('extra-from', '2776'));
if (ks.some((k) => !Number.isInteger(k) || k < 1) || !Number.isInteger(threads) || threads < 1) {
  process.stderr.write('usage: fit-linking-rerank [--train FILE] [--holdout FILE] [--model FILE.onnx] [--ks 5,10,20,30] [--threads N] [--write]\n');
  process.exit(2);
}
for (const f of [trainFile, holdoutFile]) {
  if (!existsSync(f)) {
    process.stderr.write(`missing ${f} (training set: npx tsx scripts/build-linking-trainset.ts; held-out ids: scripts/cross-encoder/)\n`);
    process.exit(2);
  }
}
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
/** The w grid of scripts/cross-encoder/eval_rerank.py: 0 and 61 geometric steps from 0.005 to 5. */
const W_GRID = [0, ...Array.from({ length: 61 }, (_, i) => Math.round(0.005 * Math.pow(1000, i / 60) * 1e4) / 1e4)];
/** A kind with fewer calibration samples than this uses the posting calibration (as fit-linking-weights.ts). */
const MIN_CALIBRATION_SAMPLES = 100;

const { taxonomy, priors, model, cache, embedder, index } = await escoLinking('q8');
const skills = taxonomy.skills;
const lexical = escoLexical(taxonomy);
/** Stage 1 as the product runs it for each kind of text (`--kind`: CV text reads inflected verbs in the labels' base form). */
const linkers = Object.fromEntries(TEXT_KINDS.map((k) => [k, createLinker({ index, lexical, embedder, priors, textKind: k })])) as Record<TextKind, ReturnType<typeof createLinker>>;
const skillIndex = new Map(index.skills.map((s, i) => [s.id, i]));
const onnx = await createOnnxReranker({ file: modelFile, threads });
const reranker = createCachedReranker({ reranker: onnx, cache, hash: sha256Hex });
console.log(`ESCO index ready, reranker ${onnx.modelId} (maxLength ${onnx.maxLength}) (${elapsed()})`);

// --- queries ------------------------------------------------------------------------------------------
type Line = TrainLine & { readonly id: string };
const held = new Set((JSON.parse(readFileSync(holdoutFile, 'utf8')) as { ids: string[] }).ids);
const train = readTrainingSet(trainFile) as Line[];
const holdout = train.filter((q) => held.has(q.id));
/**
 * Calibration only: appended queries the reranker never saw, nor their source — those not derived from a query
 * (`derivedFrom` absent), derived from an ESCO label (`label:`), or from a held-out query.
 */
const extra = train.slice(extraFrom).filter((q) => {
  const from = (q as Line & { derivedFrom?: string }).derivedFrom;
  return from === undefined || from.startsWith('label:') || held.has(from);
});
if (holdout.length !== held.size) console.log(`warning: ${held.size - holdout.length} held-out ids are not in ${trainFile}`);
const SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'];
const short = (n: string) => n.split('_')[0]!;
const devQueries = SETS.map((name) => linkingQueries(parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${name}.csv`), 'utf8'), { columns: true }) as { sentence: string; label: string }[], skills));

// --- (1) stage 1 and (2) logits of each requirement segment's top max(K) ------------------------------
interface Seg {
  readonly skills: Int32Array;
  readonly fused: Float32Array;
  /** Indices of the top max(K) by fused (reranked segments only) and their logits. */
  readonly top: Int32Array | null;
  readonly logits: Float32Array | null;
}
interface Query {
  readonly segs: readonly Seg[];
  readonly relevant: ReadonlySet<string>;
  readonly kind: TextKind;
}
const KMAX = Math.max(...ks);
const KIND_OF: Record<TrainLine['kind'], TextKind> = { label: 'posting', description: 'posting', posting: 'posting', cv: 'cv', course: 'course' };
async function collect(items: readonly { text: string; relevant: ReadonlySet<string>; kind: TextKind }[], what: string): Promise<Query[]> {
  if (items.length === 0) return [];
  const out: Query[] = [];
  for (let i = 0; i < items.length; i += 50) {
    const batch = items.slice(i, i + 50);
    const pending: { segs: { skills: Int32Array; fused: Float32Array; top: Int32Array | null }[]; pairs: RerankPair[] }[] = [];
    for (const q of batch) {
      const pairs: RerankPair[] = [];
      const segs = (await linkers[q.kind].stage1Segments(q.text)).map((s) => {
        const top = s.reranks && s.skillIds.length > 0 ? topByFused(s.fused, KMAX) : null;
        top?.forEach((c) => pairs.push({ text: s.text, skillId: s.skillIds[c]!, label: s.labels[c]! }));
        return { skills: Int32Array.from(s.skillIds, (id) => skillIndex.get(id)!), fused: s.fused, top };
      });
      pending.push({ segs, pairs });
    }
    const logits = await reranker.score(pending.flatMap((p) => p.pairs));
    let at = 0;
    pending.forEach((p, j) => {
      const segs = p.segs.map((s) => {
        const l = s.top ? logits.slice(at, (at += s.top.length)) : null;
        return { ...s, logits: l };
      });
      out.push({ segs, relevant: batch[j]!.relevant, kind: batch[j]!.kind });
    });
    console.log(`  ${what}: ${out.length} / ${items.length} (${elapsed()}; logits ${reranker.stats.scored} scored, ${reranker.stats.hits} cached)`);
  }
  return out;
}
const hold = await collect(holdout.map((q) => ({ text: q.text, relevant: new Set(q.skills), kind: KIND_OF[q.kind] })), 'held-out training queries');
const extraQueries = await collect(extra.map((q) => ({ text: q.text, relevant: new Set(q.skills), kind: KIND_OF[q.kind] })), 'appended CV / course queries (calibration only)');
const dev: { name: string; queries: Query[] }[] = [];
for (let s = 0; s < SETS.length; s++) dev.push({ name: short(SETS[s]!), queries: await collect(devQueries[s]!.map((q) => ({ text: q.sentence, relevant: q.relevant, kind: 'posting' as const })), short(SETS[s]!)) });

// --- replay of rankSkills with stage 2 at (K, w) -------------------------------------------------------
interface Ranked {
  readonly ids: string[];
  /** The best candidate's score and whether its segment was reranked. */
  readonly best: { score: number; reranked: boolean } | null;
}
function rank(q: Query, k: number, w: number | null): Ranked {
  const best = new Map<number, { score: number; reranked: boolean }>();
  for (const s of q.segs) {
    let score = s.fused;
    const reranked = w !== null && s.top !== null;
    if (reranked) score = stage2Scores(s.fused, s.top!.subarray(0, k), s.logits!.subarray(0, k), w).score;
    for (let c = 0; c < s.skills.length; c++) {
      const i = s.skills[c]!;
      if (!best.has(i) || score[c]! > best.get(i)!.score) best.set(i, { score: score[c]!, reranked });
    }
  }
  const order = [...best].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
  return { ids: order.map(([i]) => index.skills[i]!.id), best: order[0]?.[1] ?? null };
}
interface Metrics {
  rp1: number;
  rp5: number;
  rp10: number;
  mrr: number;
}
const metrics = (qs: readonly Query[], k: number, w: number | null): Metrics => {
  const r = qs.map((q) => rank(q, k, w).ids);
  return {
    rp1: mean(r.map((x, i) => rPrecisionAtK(x, qs[i]!.relevant, 1))),
    rp5: mean(r.map((x, i) => rPrecisionAtK(x, qs[i]!.relevant, 5))),
    rp10: mean(r.map((x, i) => rPrecisionAtK(x, qs[i]!.relevant, 10))),
    mrr: mean(r.map((x, i) => reciprocalRank(x, qs[i]!.relevant))),
  };
};
/** The grid w with the best mean RP@5 + MRR over the pooled queries (ties → smaller w). */
function fitW(qs: readonly Query[], k: number): number {
  let best = -1;
  let bestW = 0;
  for (const w of W_GRID) {
    const m = metrics(qs, k, w);
    if (m.rp5 + m.mrr > best + 1e-12) [best, bestW] = [m.rp5 + m.mrr, w];
  }
  return bestW;
}

// --- (3) K and w ----------------------------------------------------------------------------------------
const f = (x: number) => (100 * x).toFixed(1);
const cell = (m: Metrics) => `${f(m.rp1)} / ${f(m.rp5)} / ${f(m.rp10)} / ${f(m.mrr)}`;
console.log(`\n**K**: w fitted on the ${hold.length} held-out training queries alone | by leave-one-set-out (held-out + the two other dev sets); dev RP@5 (stage 1 alone: ${dev.map((d) => `${d.name} ${f(metrics(d.queries, 0, null).rp5)}`).join(', ')})\n`);
console.log(`| K | w (held-out) | ${dev.map((d) => `${d.name} held-out w`).join(' | ')} | ${dev.map((d) => `${d.name} LOSO (w)`).join(' | ')} | mean LOSO |\n|---|---|${dev.map(() => '---|---').join('|')}|---|`);
let chosen: { k: number; w: number; mean: number; loso: number[] } | null = null;
for (const k of ks) {
  const w = fitW(hold.map((q) => q), k);
  const losoW = dev.map((d) => fitW([...hold, ...dev.filter((x) => x !== d).flatMap((x) => x.queries)], k));
  const loso = dev.map((d, s) => metrics(d.queries, k, losoW[s]!).rp5);
  const m = mean(loso);
  console.log(`| ${k} | ${w} | ${dev.map((d) => f(metrics(d.queries, k, w).rp5)).join(' | ')} | ${loso.map((x, s) => `${f(x)} (${losoW[s]})`).join(' | ')} | ${f(m)} |`);
  if (!chosen || m > chosen.mean + 1e-12) chosen = { k, w, mean: m, loso: losoW };
}
const { k: K, w: W } = chosen!;
console.log(`\nkept K = ${K} (best mean LOSO RP@5); w = ${W} (held-out training queries alone) (${elapsed()})`);

console.log(`\n**Dev sets** (Decorte dev; replay of \`rankSkills\`, all skills ranked; RP@1 / RP@5 / RP@10 / MRR)\n\n| pipeline | ${dev.map((d) => d.name).join(' | ')} |\n|---|${dev.map(() => '---').join('|')}|`);
const stage1 = dev.map((d) => metrics(d.queries, 0, null));
const trainOnly = dev.map((d) => metrics(d.queries, K, W));
const loso = dev.map((d, s) => metrics(d.queries, K, chosen!.loso[s]!));
console.log(`| stage 1 alone (shipped v6 weights) | ${stage1.map(cell).join(' | ')} |`);
console.log(`| + reranker, K ${K}, w ${W} fitted on the held-out training queries alone | ${trainOnly.map(cell).join(' | ')} |`);
console.log(`| + reranker, K ${K}, LOSO w (${chosen!.loso.join(', ')}) | ${loso.map(cell).join(' | ')} |`);
const sizes = dev.map((d) => d.queries.length);
const beats = mean(loso.map((m) => m.rp5)) > mean(stage1.map((m) => m.rp5)) && loso.every((m, s) => m.rp5 >= stage1[s]!.rp5 - 1 / sizes[s]! - 1e-9);
console.log(`\nLOSO beats stage 1 (mean RP@5 higher, no set worse by more than one sentence): ${beats ? 'yes' : 'NO'} (${elapsed()})`);

// --- (4) calibration of the stage-2 score per kind ----------------------------------------------------
const samples: Record<TextKind, { x: number; y: 0 | 1 }[]> = { posting: [], cv: [], course: [] };
for (const q of [...hold, ...extraQueries]) {
  const r = rank(q, K, W);
  if (!r.best?.reranked) continue;
  samples[q.kind].push({ x: r.best.score, y: q.relevant.has(r.ids[0]!) ? 1 : 0 });
}
const round = (c: Calibration): Calibration => ({ a: Math.round(c.a * 1000) / 1000, b: Math.round(c.b * 1000) / 1000 });
const posting = round(fitLogistic(samples.posting));
const ownFit = (k: TextKind): Calibration | null => {
  if (k === 'posting' || samples[k].length < MIN_CALIBRATION_SAMPLES) return null;
  const c = round(fitLogistic(samples[k]));
  return c.a >= 0.5 * posting.a ? c : null;
};
const byKind = Object.fromEntries(TEXT_KINDS.map((k) => [k, k === 'posting' ? posting : (ownFit(k) ?? posting)])) as Record<TextKind, Calibration>;
for (const k of TEXT_KINDS) console.log(`stage-2 calibration ${k}: ${JSON.stringify(byKind[k])} (${samples[k].length} samples, ${samples[k].filter((x) => x.y).length} gold)`);

if (argv.includes('--write')) {
  const file = fileURLToPath(new URL(`../engine/linking/weights/${embedder.modelId}.embedded.json`, import.meta.url));
  const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const trainHash = sha256Hex(readFileSync(trainFile, 'utf8'));
  const rerank = {
    // Shipped on by default only when it beats stage 1 by leave-one-set-out (issue 18's rule); else fitted, off (SKILLGRAPH_RERANK=1 runs it).
    ...(beats ? {} : { enabled: false }),
    model: onnx.modelId,
    topK: K,
    weight: W,
    calibration: posting,
    calibrationByKind: byKind,
    fittedOn: `stage 1 = this file's weights (unchanged); reranker ${onnx.modelId} (scripts/cross-encoder/, trained on the training set minus the held-out ids); weight: grid (max mean RP@5 + MRR) on the ${hold.length} held-out training queries of ${holdoutFile.split('/').slice(-2).join('/')} (train.jsonl sha256 ${trainHash.slice(0, 16)}), no dev set; topK ${K} of ${ks.join('/')} by the best mean leave-one-set-out RP@5 on the Decorte dev sets (w refitted on held-out + two dev sets, scored on the third: the one use of dev); calibration per kind on the stage-2 score of the best candidate of each held-out training query and of the ${extraQueries.length} appended CV / course queries the reranker never saw (lines ${extraFrom + 1}+ not derived from a training query) (a kind with < ${MIN_CALIBRATION_SAMPLES} samples or a flat fit uses the posting one); npx tsx scripts/fit-linking-rerank.ts --holdout ${holdoutFile} --ks ${ks.join(',')} --write`,
  };
  const out = { ...current, version: 7, rerank };
  parseLinkingWeights(out);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${file.slice(file.indexOf('engine/'))} (version 7)`);
}
await reranker.dispose();
await index.dispose();
await model.dispose();
await cache.close();
