/**
 * Linking accuracy and speed (issues 4 and 9), every measure beside the plain whole-sentence baseline
 * in the same run.
 *
 *   npx tsx bench/linking.ts                          # q8: accuracy table + speed tables
 *   npx tsx bench/linking.ts --dtype fp32
 *   npx tsx bench/linking.ts --postings 160 --generated 100 --slow-postings 10
 *   npx tsx bench/linking.ts --skip-accuracy          # only the speed part
 *
 * Accuracy: the Decorte dev sets (tech, house validation; techwolf dev), all 13,896 ESCO skills ranked
 * per sentence, RP@1/5/10 and MRR (×100), scored by the same code as `skillgraph eval linking`:
 *   lexical     = char 3–5-gram TF-IDF of the sentence vs all labels alone
 *   sentence    = whole-sentence MiniLM max-cosine over label vectors alone (the plain baseline)
 *   blend       = 0.5·lexical + 0.5·sentence
 *   issue 4     = exhaustive: every phrase EMBEDDED on its own, against all 113k label rows, hand-set weights
 *   issue 9a    = candidate search (top 50 + coarse-20), phrases embedded on their own (≤ 12 per segment), hand-set weights
 *   issue 9     = candidate search, phrase vectors POOLED from the segment's own model pass, weights
 *                 fitted on the dev sets, taxonomy priors (SG_PHRASES=pooled)
 *   default     = candidate search, phrases EMBEDDED on their own, weights fitted on the issue-18 training
 *                 set, taxonomy priors (what `createLinker` does with the stored weights)
 * (Each signal alone and each learned fusion step, cross-validated: `scripts/fit-linking-weights.ts`.)
 *
 * Speed: hahu dev postings (title + description, cut to 300 words) and generated ~300-word postings
 * (seeded bullet lists of Decorte dev sentences). Each measure runs COLD (a fresh text cache) and WARM
 * (the same postings again over that cache, as the persistent SQLite cache gives on re-runs):
 *   `link` one posting at a time (in-process model, 2 ORT threads): postings/s, p50/p99 ms per posting;
 *   `linkMany` (16 postings per batch, model in a worker thread overlapping the scoring): postings/s.
 * Printed with: sentences/s, cache hit rate of the cold pass (texts repeated across postings), texts
 * embedded per posting, and the bare model over the same sentences (a floor for anything that embeds).
 * The skill index is read from the persistent cache (SKILLGRAPH_CACHE or the user cache folder).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createTransformersEmbedder, type EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createWorkerEmbedder } from '../engine/adapters/worker-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { createMemoryCache } from '../engine/embedding/memory-cache.ts';
import { evalLinking } from '../engine/eval/eval-linking.ts';
import { FEATURES, skillPriors, type Feature } from '../engine/linking/features.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { DEFAULT_WEIGHTS, type FusionWeights, type LinkerOptions } from '../engine/linking/options.ts';
import { segmentText } from '../engine/linking/segment.ts';
import { buildSkillIndex } from '../engine/linking/skill-index.ts';
import type { Embedder } from '../engine/ports/embedder.ts';
import { seededRandom } from '../engine/ports/random.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { defaultCachePath } from '../app/embedding-cache-path.ts';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dtype = (opt('dtype') ?? 'q8') as EmbedderDtype;
const nPostings = Number(opt('postings') ?? 160);
const nGenerated = Number(opt('generated') ?? 100);
const nSlow = Number(opt('slow-postings') ?? 10);
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

let t0 = performance.now();
const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const skills = taxonomy.skills;
const priors = skillPriors(skills, taxonomy.occupationSkills);
console.log(`ESCO loaded: ${skills.length} skills in ${secs(t0)} s; model all-MiniLM-L6-v2@${dtype}; ${new Date().toISOString()}`);
const model = await createTransformersEmbedder({ dtype });
mkdirSync(dirname(defaultCachePath()), { recursive: true });
const cache = await createSqliteStore(defaultCachePath());
const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
t0 = performance.now();
const index = await buildSkillIndex(skills, embedder, { scorer: (m, r, d) => createOrtRowScorer(m, r, d) });
console.log(`skill index: ${index.rows} rows in ${secs(t0)} s (${embedder.stats.embedded} embedded, ${embedder.stats.hits} from cache)`);
t0 = performance.now();
const lexical = buildLexicalIndex(skills);
console.log(`lexical index: ${secs(t0)} s`);

const only = (w: Partial<Record<Feature, number>>): FusionWeights => ({ ...(Object.fromEntries(FEATURES.map((f) => [f, 0])) as FusionWeights), ...w });
/** The issue-4 hand-set weights (the embedded weight file now holds the issue-18 training-set weights). */
const handSet = DEFAULT_WEIGHTS;
const ISSUE9A: Partial<LinkerOptions> = { phraseVectors: 'embedded', weights: handSet, maxPhrases: 12, phraseCandidates: 50, phraseCoarse: 20 };
const CONFIGS: Record<string, Partial<LinkerOptions>> = {
  lexical: { weights: only({ lexical: 1 }) },
  'sentence (baseline)': { weights: only({ sentence: 1 }) },
  'blend 0.5 / 0.5': { weights: only({ lexical: 0.5, sentence: 0.5 }) },
  'issue 4: exhaustive, embedded phrases, hand-set weights': { phraseVectors: 'embedded', weights: handSet, phraseCandidates: 0 },
  'issue 9a: candidates, embedded phrases, hand-set weights': ISSUE9A,
  'issue 9: candidates, pooled phrases, dev-fitted weights + priors': { priors, phraseVectors: 'pooled' },
  'default (issue 18): candidates, embedded phrases, training-set weights + priors': { priors },
};

// --- accuracy ---------------------------------------------------------------------------------
const rp5: Record<string, number[]> = {};
const SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'];
const sets = SETS.map((name) => ({
  name,
  rows: parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${name}.csv`), 'utf8'), { columns: true }) as { sentence: string; label: string }[],
}));
const f = (x: number) => (100 * x).toFixed(1);
if (!argv.includes('--skip-accuracy')) {
  console.log(`\n| ${dtype} | ${SETS.map((s) => `${s.split('_')[0]} RP@1 / RP@5 / RP@10 / MRR`).join(' | ')} |`);
  console.log(`|---|${SETS.map(() => '---').join('|')}|`);
  for (const [name, cfg] of Object.entries(CONFIGS)) {
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

/** Speed measures: options, whether it runs on the slow subset, and how it is driven. */
const SPEED: { name: string; acc: string; opts: Partial<LinkerOptions>; slow?: boolean; many?: boolean }[] = [
  { name: 'sentence (baseline), link', acc: 'sentence (baseline)', opts: CONFIGS['sentence (baseline)']! },
  { name: 'sentence (baseline), linkMany + worker', acc: 'sentence (baseline)', opts: CONFIGS['sentence (baseline)']!, many: true },
  { name: 'issue 4 (exhaustive, embedded phrases), link', acc: 'issue 4: exhaustive, embedded phrases, hand-set weights', opts: CONFIGS['issue 4: exhaustive, embedded phrases, hand-set weights']!, slow: true },
  { name: 'issue 9a (candidates, embedded phrases), link', acc: 'issue 9a: candidates, embedded phrases, hand-set weights', opts: ISSUE9A },
  { name: 'issue 9 (candidates, pooled phrases), link', acc: 'issue 9: candidates, pooled phrases, dev-fitted weights + priors', opts: { priors, phraseVectors: 'pooled' } },
  { name: 'issue 9, linkMany + worker', acc: 'issue 9: candidates, pooled phrases, dev-fitted weights + priors', opts: { priors, phraseVectors: 'pooled' }, many: true },
  { name: 'default (issue 18: embedded phrases, training-set weights), link', acc: 'default (issue 18): candidates, embedded phrases, training-set weights + priors', opts: { priors } },
  { name: '**default, linkMany + worker**', acc: 'default (issue 18): candidates, embedded phrases, training-set weights + priors', opts: { priors }, many: true },
];

const worker = await createWorkerEmbedder({ dtype });
for (const src of sources) {
  const sentences = src.postings.map((p) => segmentText(p).map((s) => s.text));
  const nSent = sentences.flat().length;
  await model.embed(sentences[0]!);
  t0 = performance.now();
  for (const s of sentences) await model.embed(s);
  const bareMs = performance.now() - t0;
  t0 = performance.now();
  await model.embed(sentences.flat());
  const bareAllMs = performance.now() - t0;
  console.log(
    `\n${src.name}, ≤300 words each, ${(nSent / src.postings.length).toFixed(1)} segments/posting; bare model over the same sentences: ` +
      `${(src.postings.length / (bareMs / 1000)).toFixed(1)} postings/s one posting per call, ${(src.postings.length / (bareAllMs / 1000)).toFixed(1)} all in one call`,
  );
  console.log('| measure | postings | postings/s cold | postings/s warm | sentences/s cold | cache hits cold | p50 / p99 ms cold | p50 / p99 ms warm | texts embedded / posting | RP@5 tech / house / techwolf (Δ vs baseline) |');
  console.log('|---|---:|---:|---:|---:|---:|---|---|---:|---|');
  for (const m of SPEED) {
    const postings = m.slow ? src.postings.slice(0, nSlow) : src.postings;
    const inner: Embedder = m.many ? worker : model;
    const fresh = createCachedEmbedder({ embedder: inner, cache: createMemoryCache(), hash: sha256Hex });
    const linker = createLinker({ index: { ...index, modelId: fresh.modelId }, lexical, embedder: fresh, ...m.opts });
    const run = async () => {
      const ms: number[] = [];
      const start = performance.now();
      if (m.many) await linker.linkMany(postings);
      else {
        for (const p of postings) {
          const t = performance.now();
          await linker.link(p);
          ms.push(performance.now() - t);
        }
      }
      return { ms, total: performance.now() - start };
    };
    const cold = await run();
    const hits = fresh.stats.requested ? fresh.stats.hits / fresh.stats.requested : 0;
    const embedded = fresh.stats.embedded / postings.length;
    const warm = await run();
    const per = (r: { total: number }) => (postings.length / (r.total / 1000)).toFixed(1);
    const nS = postings.reduce((n, p) => n + segmentText(p).length, 0);
    const lat = (r: { ms: number[] }) => (r.ms.length ? `${pct(r.ms, 0.5).toFixed(0)} / ${pct(r.ms, 0.99).toFixed(0)}` : '–');
    const base = rp5['sentence (baseline)'];
    const acc = rp5[m.acc];
    const accCell = acc ? acc.map((v, i) => `${v.toFixed(1)}${base ? ` (${v - base[i]! >= 0 ? '+' : ''}${(v - base[i]!).toFixed(1)})` : ''}`).join(' / ') : '–';
    console.log(
      `| ${m.name} | ${postings.length} | ${per(cold)} | ${per(warm)} | ${(nS / (cold.total / 1000)).toFixed(0)} | ${(100 * hits).toFixed(0)} % | ${lat(cold)} | ${lat(warm)} | ${embedded.toFixed(0)} | ${accCell} |`,
    );
  }
}
await worker.dispose();
await index.dispose();
await model.dispose();
await cache.close();
