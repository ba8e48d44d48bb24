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
 * Speed: hahu postings cut to ~300 words, linked one at a time (embedding cache off for the texts:
 * a fresh in-memory cache), vs the bare model embedding the same sentences in the same process.
 * The skill index is read from the persistent cache (SKILLGRAPH_CACHE or the user cache folder).
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
import { calibrate, fitLogistic } from '../engine/linking/calibration.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { DEFAULT_CALIBRATION, DEFAULT_WEIGHTS, type FusionWeights } from '../engine/linking/options.ts';
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
const CONFIGS: Record<string, FusionWeights> = {
  lexical: { ...zero, lexical: 1 },
  minilm: { ...zero, sentence: 1 },
  blend: { ...zero, lexical: 0.5, sentence: 0.5 },
  pipeline: DEFAULT_WEIGHTS,
};
const SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'];
const sets = SETS.map((name) => ({
  name,
  rows: parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${name}.csv`), 'utf8'), { columns: true }) as { sentence: string; label: string }[],
}));
const f = (x: number) => (100 * x).toFixed(1);
console.log(`\n| ${dtype} | ${SETS.map((s) => `${s.split('_')[0]} RP@1 / RP@5 / RP@10 / MRR`).join(' | ')} |`);
console.log(`|---|${SETS.map(() => '---').join('|')}|`);
for (const [name, weights] of skipAccuracy ? [] : Object.entries(CONFIGS)) {
  const linker = createLinker({ index, lexical, embedder, weights });
  const cells: string[] = [];
  for (const s of sets) {
    const m = await evalLinking(s.rows, skills, async (q) => (await linker.rankSkills(q)).map((r) => r.skillId));
    cells.push(`${f(m.rp1)} / ${f(m.rp5)} / ${f(m.rp10)} / ${f(m.mrr)}`);
  }
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}

// --- calibration ------------------------------------------------------------------------------
if (!skipAccuracy) {
  const linker = createLinker({ index, lexical, embedder });
  const samples: { x: number; x2: number; y: 0 | 1 }[] = [];
  for (const s of sets) {
    for (const q of linkingQueries(s.rows, skills)) {
      const ranked = await linker.rankSkills(q.sentence);
      ranked.slice(0, 10).forEach((r) => samples.push({ x: r.score, x2: r.phrase, y: q.relevant.has(r.skillId) ? 1 : 0 }));
      ranked.slice(10).forEach((r) => q.relevant.has(r.skillId) && samples.push({ x: r.score, x2: r.phrase, y: 1 }));
    }
  }
  const c = fitLogistic(samples);
  console.log(`\ncalibration fit: a = ${c.a.toFixed(3)}, c = ${(c.c ?? 0).toFixed(3)}, b = ${c.b.toFixed(3)} (${samples.length} samples, ${samples.filter((s) => s.y).length} gold)`);
  const bins = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.01];
  for (let i = 0; i + 1 < bins.length; i++) {
    const inBin = samples.filter((s) => {
      const p = calibrate(s.x, DEFAULT_CALIBRATION, s.x2);
      return p >= bins[i]! && p < bins[i + 1]!;
    });
    console.log(`  default confidence ${bins[i]}–${bins[i + 1]}: ${inBin.length} samples, ${inBin.length ? f(inBin.filter((s) => s.y).length / inBin.length) : '-'} % gold`);
  }
}

// --- posting speed ------------------------------------------------------------------------------
if (nPostings > 0) {
  const postings = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[])
    .slice(0, nPostings)
    .map((p) => `${p['title']}\n${p['description']}`.split(/\s+/).slice(0, 300).join(' '));
  // A fresh text cache: posting sentences and phrases are really embedded.
  const fresh = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
  const sameModelIndex = { ...index, modelId: fresh.modelId };
  const linker = createLinker({ index: sameModelIndex, lexical, embedder: fresh });
  await linker.link(postings[0]!); // warm-up
  const cpu0 = process.cpuUsage();
  t0 = performance.now();
  let links = 0;
  for (const p of postings) links += (await linker.link(p)).length;
  const linkMs = performance.now() - t0;
  const cpuLink = process.cpuUsage(cpu0);
  const sentences = postings.map((p) => segmentText(p).map((s) => s.text));
  t0 = performance.now();
  for (const s of sentences) await model.embed(s);
  const bareMs = performance.now() - t0;
  console.log(
    `\npostings (${postings.length}, ≤300 words): ${(postings.length / (linkMs / 1000)).toFixed(2)} postings/s linked ` +
      `(${(links / postings.length).toFixed(1)} links each, CPU ${((cpuLink.user + cpuLink.system) / 1000 / postings.length).toFixed(0)} ms/posting); ` +
      `bare model over the same sentences ${(postings.length / (bareMs / 1000)).toFixed(2)} postings/s; ratio linker/bare = ${(bareMs / linkMs).toFixed(3)}; ` +
      `texts embedded by the linker ${fresh.stats.embedded} (sentences + phrases) vs ${sentences.flat().length} sentences`,
  );
}
await index.dispose();
await model.dispose();
await cache.close();
