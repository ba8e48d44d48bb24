/**
 * Linking accuracy and speed.
 *
 *   npx tsx bench/linking.ts                     # q8: accuracy table + calibration fit + postings/s
 *   npx tsx bench/linking.ts --dtype fp32
 *   npx tsx bench/linking.ts --cold              # also time a cold ESCO skill-index build (fresh cache)
 *   npx tsx bench/linking.ts --postings 40       # number of hahu postings for the speed part (0: skip)
 *   npx tsx bench/linking.ts --skip-accuracy     # only the speed part
 *
 * Accuracy: the Decorte dev sets (tech, house validation; techwolf dev), all 13,896 ESCO skills
 * ranked per sentence; RP@1/5/10 and MRR (×100) for three baselines and the pipeline:
 *   lexical  = char 3–5-gram TF-IDF of the sentence vs all labels alone
 *   minilm   = whole-sentence MiniLM max-cosine over label vectors alone
 *   blend    = 0.5·lexical + 0.5·minilm
 *   pipeline = DEFAULT_WEIGHTS (+ phrases, descriptions)
 * Calibration: logistic fit of gold vs other top-10 candidates on the same sets (the defaults' source).
 * Speed (issue 9): hahu dev postings cut to ~300 words, and generated ~300-word postings (seeded
 * draws of Decorte dev sentences as bullet lists), linked one at a time by each speed measure:
 *   sentence   = plain whole-sentence baseline (sentence cosine only; no phrases, no lexical)
 *   exhaustive = the issue-4 pipeline: every phrase against all 113k label rows
 *   cand-50    = phrases scored only against the label rows of the top-50 skills of the sentence
 *                stage (+ exact label matches)
 *   + coarse-20 = plus each segment's top-20 skills by phrase cosine to the 13.9k preferred labels
 *   default    = cand-50 + coarse-20 + at most 12 phrases per segment (best TF-IDF to a candidate first)
 * Each runs COLD (a fresh text cache: every distinct sentence/phrase embedded) and WARM (the same
 * postings again over that cache, as the persistent SQLite cache does across runs). Printed:
 * postings/s, sentences/s, cache hit rate of the cold pass (repeats across postings), p50/p99 ms per
 * posting, texts embedded per posting, and the bare model over the same sentences as a floor.
 * The skill index is read from the persistent cache (SKILLGRAPH_CACHE or the user cache folder).
 *
 *   npx tsx bench/linking.ts --postings 40 --generated 40   # speed sizes (0: skip that source)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createTransformersEmbedder, type EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { createMemoryCache } from '../engine/embedding/memory-cache.ts';
import { evalLinking, linkingQueries } from '../engine/eval/eval-linking.ts';
import { calibrate } from '../engine/linking/calibration.ts';
import { fitLinkingWeights, weightsFor } from '../engine/linking/linking-weights.ts';
import { seededRandom } from '../engine/ports/random.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { DEFAULT_CALIBRATION, DEFAULT_WEIGHTS, type FusionWeights, type LinkerOptions } from '../engine/linking/options.ts';
import { segmentText } from '../engine/linking/segment.ts';
import { buildSkillIndex } from '../engine/linking/skill-index.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { defaultCachePath } from '../cli/commands/linking-setup.ts';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dtype = (opt('dtype') ?? 'q8') as EmbedderDtype;
const nPostings = Number(opt('postings') ?? 30);
const nGenerated = Number(opt('generated') ?? 30);
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

let t0 = performance.now();
const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const skills = taxonomy.skills;
console.log(`ESCO loaded: ${skills.length} skills in ${secs(t0)} s; model all-MiniLM-L6-v2@${dtype}`);
const model = await createTransformersEmbedder({ dtype });

if (argv.includes('--cold')) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-cold-'));
  const store = await createSqliteStore(join(dir, 'cache.sqlite'));
  const cold = createCachedEmbedder({ embedder: model, cache: store, hash: sha256Hex });
  t0 = performance.now();
  const idx = await buildSkillIndex(skills, cold);
  console.log(`skill index COLD: ${idx.rows} rows embedded in ${secs(t0)} s (${(idx.rows / ((performance.now() - t0) / 1000)).toFixed(0)} texts/s incl. SQLite writes)`);
  t0 = performance.now();
  await buildSkillIndex(skills, createCachedEmbedder({ embedder: model, cache: store, hash: sha256Hex }));
  console.log(`skill index from that cache: ${secs(t0)} s`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const cache = await createSqliteStore(defaultCachePath());
const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
t0 = performance.now();
const index = await buildSkillIndex(skills, embedder, { scorer: (m, r, d) => createOrtRowScorer(m, r, d) });
console.log(`skill index: ${index.rows} rows in ${secs(t0)} s (${embedder.stats.embedded} embedded, ${embedder.stats.hits} from cache)`);
t0 = performance.now();
const lexical = buildLexicalIndex(skills);
console.log(`lexical index: ${secs(t0)} s`);

// --- accuracy ---------------------------------------------------------------------------------
const skipAccuracy = argv.includes('--skip-accuracy');
const zero: FusionWeights = { sentence: 0, sentenceDescription: 0, phrase: 0, lexical: 0, lexicalPhrase: 0, exact: 0 };
const CONFIGS: Record<string, Partial<LinkerOptions>> = {
  lexical: { weights: { ...zero, lexical: 1 } },
  minilm: { weights: { ...zero, sentence: 1 } },
  blend: { weights: { ...zero, lexical: 0.5, sentence: 0.5 } },
  'pipeline exhaustive (issue 4)': { weights: DEFAULT_WEIGHTS, phraseCandidates: 0 },
  'pipeline cand-50': { weights: DEFAULT_WEIGHTS, phraseCandidates: 50, maxPhrases: 0, phraseCoarse: 0 },
  'pipeline cand-50 + coarse-20': { weights: DEFAULT_WEIGHTS, phraseCandidates: 50, maxPhrases: 0, phraseCoarse: 20 },
  'pipeline default (cand-50 + coarse-20, ≤12 phrases)': { weights: DEFAULT_WEIGHTS },
};
/** Speed measures (issue 9), each beside its accuracy row above. */
const SPEED: Record<string, { opts: Partial<LinkerOptions>; acc: string }> = {
  'sentence (baseline)': { opts: CONFIGS['minilm']!, acc: 'minilm' },
  exhaustive: { opts: CONFIGS['pipeline exhaustive (issue 4)']!, acc: 'pipeline exhaustive (issue 4)' },
  'cand-50': { opts: CONFIGS['pipeline cand-50']!, acc: 'pipeline cand-50' },
  'cand-50 + coarse-20': { opts: CONFIGS['pipeline cand-50 + coarse-20']!, acc: 'pipeline cand-50 + coarse-20' },
  'default (cand-50 + coarse-20, ≤12 phrases)': { opts: {}, acc: 'pipeline default (cand-50 + coarse-20, ≤12 phrases)' },
};
const rp5: Record<string, number[]> = {};
const SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'];
const sets = SETS.map((name) => ({
  name,
  rows: parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${name}.csv`), 'utf8'), { columns: true }) as { sentence: string; label: string }[],
}));
const f = (x: number) => (100 * x).toFixed(1);
console.log(`\n| ${dtype} | ${SETS.map((s) => `${s.split('_')[0]} RP@1 / RP@5 / RP@10 / MRR`).join(' | ')} |`);
console.log(`|---|${SETS.map(() => '---').join('|')}|`);
for (const [name, cfg] of skipAccuracy ? [] : Object.entries(CONFIGS)) {
  const linker = createLinker({ index, lexical, embedder, ...cfg });
  const cells: string[] = [];
  rp5[name] = [];
  for (const s of sets) {
    const m = await evalLinking(s.rows, skills, async (q) => (await linker.rankSkills(q)).map((r) => r.skillId));
    cells.push(`${f(m.rp1)} / ${f(m.rp5)} / ${f(m.rp10)} / ${f(m.mrr)}`);
    rp5[name].push(100 * m.rp5);
  }
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}

// --- calibration ------------------------------------------------------------------------------
if (!skipAccuracy) {
  // Exhaustive search: the phrase cosine is exact for every skill (with candidates it is 0 outside them,
  // which would skew the fit; link() computes it exactly for the skills it calibrates).
  const linker = createLinker({ index, lexical, embedder, phraseCandidates: 0 });
  const samples: { x: number; x2: number; y: 0 | 1 }[] = [];
  for (const s of sets) {
    for (const q of linkingQueries(s.rows, skills)) {
      const ranked = await linker.rankSkills(q.sentence);
      ranked.slice(0, 10).forEach((r) => samples.push({ x: r.score, x2: r.phrase, y: q.relevant.has(r.skillId) ? 1 : 0 }));
      ranked.slice(10).forEach((r) => q.relevant.has(r.skillId) && samples.push({ x: r.score, x2: r.phrase, y: 1 }));
    }
  }
  const seed = weightsFor(embedder.modelId)?.seed ?? 9;
  const fitted = fitLinkingWeights(samples, { modelId: embedder.modelId, weights: DEFAULT_WEIGHTS, seed });
  const c = fitted.calibration;
  console.log(`\ncalibration fit: a = ${c.a.toFixed(3)}, c = ${(c.c ?? 0).toFixed(3)}, b = ${c.b.toFixed(3)} (${samples.length} samples, ${samples.filter((s) => s.y).length} gold)`);
  console.log(`stored weights/${embedder.modelId}.json: ${JSON.stringify(weightsFor(embedder.modelId))}`);
  console.log(`refit (seed ${seed}): ${JSON.stringify(fitted)}`);
  const bins = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.01];
  for (let i = 0; i + 1 < bins.length; i++) {
    const inBin = samples.filter((s) => {
      const p = calibrate(s.x, weightsFor(embedder.modelId)?.calibration ?? DEFAULT_CALIBRATION, s.x2);
      return p >= bins[i]! && p < bins[i + 1]!;
    });
    console.log(`  default confidence ${bins[i]}–${bins[i + 1]}: ${inBin.length} samples, ${inBin.length ? f(inBin.filter((s) => s.y).length / inBin.length) : '-'} % gold`);
  }
}

// --- posting speed ------------------------------------------------------------------------------
const words300 = (t: string) => t.split(/\s+/).slice(0, 300).join(' ');
const hahu = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[])
  .slice(0, nPostings)
  .map((p) => words300(`${p['title']}\n${p['description']}`));
/** ~300-word postings: a title line and seeded draws of Decorte dev sentences as bullets. */
function generated(n: number, seed: number): string[] {
  const pool = sets.flatMap((s) => s.rows.map((r) => r.sentence.trim())).filter((t) => t.length > 20);
  const distinct = [...new Set(pool)];
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const lines = [`Job ${i + 1}: engineer`];
    let words = 2;
    while (words < 300) {
      const s = distinct[Math.floor(rnd() * distinct.length)]!;
      lines.push(`• ${s}`);
      words += s.split(/\s+/).length;
    }
    return words300(lines.join('\n'));
  });
}
const sources = [
  { name: `hahu dev (${hahu.length})`, postings: hahu },
  { name: `generated (${nGenerated})`, postings: generated(nGenerated, 4) },
].filter((s) => s.postings.length > 0);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

for (const src of sources) {
  const sentences = src.postings.map((p) => segmentText(p).map((s) => s.text));
  const nSent = sentences.flat().length;
  await model.embed(sentences[0]!);
  t0 = performance.now();
  for (const s of sentences) await model.embed(s);
  const bareMs = performance.now() - t0;
  console.log(`\n${src.name}, ≤300 words each, ${(nSent / src.postings.length).toFixed(1)} segments/posting; bare model over the same sentences: ${(src.postings.length / (bareMs / 1000)).toFixed(2)} postings/s`);
  console.log('| measure | postings/s cold | postings/s warm | sentences/s cold | cache hits cold | p50 / p99 ms cold | p50 / p99 ms warm | texts embedded / posting | RP@5 tech / house / techwolf (Δ vs exhaustive) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, { opts, acc }] of Object.entries(SPEED)) {
    // A fresh text cache: cold = every distinct sentence/phrase embedded once; warm = the same postings again.
    const fresh = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
    const linker = createLinker({ index: { ...index, modelId: fresh.modelId }, lexical, embedder: fresh, ...opts });
    const run = async () => {
      const ms: number[] = [];
      const start = performance.now();
      for (const p of src.postings) {
        const t = performance.now();
        await linker.link(p);
        ms.push(performance.now() - t);
      }
      return { ms, total: performance.now() - start };
    };
    const cold = await run();
    const hits = fresh.stats.requested ? fresh.stats.hits / fresh.stats.requested : 0;
    const embedded = fresh.stats.embedded / src.postings.length;
    const warm = await run();
    const per = (r: { total: number }) => (src.postings.length / (r.total / 1000)).toFixed(2);
    const base = rp5['pipeline exhaustive (issue 4)'];
    const accCell = rp5[acc] ? rp5[acc].map((v, i) => `${v.toFixed(1)}${base ? ` (${v - base[i]! >= 0 ? '+' : ''}${(v - base[i]!).toFixed(1)})` : ''}`).join(' / ') : '-';
    console.log(
      `| ${name} | ${per(cold)} | ${per(warm)} | ${(nSent / (cold.total / 1000)).toFixed(1)} | ${(100 * hits).toFixed(0)} % | ` +
        `${pct(cold.ms, 0.5).toFixed(0)} / ${pct(cold.ms, 0.99).toFixed(0)} | ${pct(warm.ms, 0.5).toFixed(0)} / ${pct(warm.ms, 0.99).toFixed(0)} | ${embedded.toFixed(0)} | ${accCell} |`,
    );
  }
}
await index.dispose();
await model.dispose();
await cache.close();
