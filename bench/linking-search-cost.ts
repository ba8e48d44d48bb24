/**
 * Issue 18: the CPU cost per posting of a wider candidate search (the coarse join of each kept phrase's
 * top 20 preferred labels, 1–6-word phrases, 16 embedded) against the default search, in the same run.
 * Postings: hahu dev (title + description, cut to 300 words). Each search links them one at a time
 * (`link`, in-process model) COLD (a fresh in-memory text cache: every sentence and phrase embedded) and
 * WARM (the same postings again over that cache); process CPU time (user + system, all threads) per
 * posting is the figure — wall time on a shared machine says little.
 *
 *   npx tsx bench/linking-search-cost.ts [--postings 60] [--dtype q8|fp32]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { createMemoryCache } from '../engine/embedding/memory-cache.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import type { LinkerOptions } from '../engine/linking/options.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { escoLexical, escoLinking } from './lib/esco-linking.ts';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dtype = (opt('dtype') ?? 'q8') as EmbedderDtype;
const n = Number(opt('postings') ?? 60);
const { taxonomy, priors, model, cache, index } = await escoLinking(dtype);
const lexical = escoLexical(taxonomy);
const words300 = (t: string) => t.split(/\s+/).slice(0, 300).join(' ');
const postings = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[])
  .slice(0, n)
  .map((p) => words300(`${p['title']}\n${p['description']}`));
const SEARCHES: Record<string, Partial<LinkerOptions>> = {
  'default (≤ 4-word phrases, best 8 embedded, no coarse join)': { phraseCoarse: 0 },
  'coarse (default phrases + coarse join 20)': { phraseCoarse: 20 },
  'coarse-6-16 (1–6-word phrases, best 16 embedded, coarse join 20)': { maxPhraseWords: 6, maxPhrases: 16, phraseCoarse: 20 },
};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
console.log(`${postings.length} hahu dev postings (≤ 300 words), link one at a time, all-MiniLM-L6-v2@${dtype}\n`);
console.log('| search | CPU ms / posting cold | CPU ms / posting warm | wall ms / posting cold | wall ms / posting warm | texts embedded / posting |\n|---|---:|---:|---:|---:|---:|');
const base: number[] = [];
for (const [name, opts] of Object.entries(SEARCHES)) {
  const fresh = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
  const linker = createLinker({ index: { ...index, modelId: fresh.modelId }, lexical, embedder: fresh, priors, ...opts });
  const run = async () => {
    const c = cpu();
    const w = performance.now();
    for (const p of postings) await linker.link(p);
    return { cpu: (cpu() - c) / postings.length, wall: (performance.now() - w) / postings.length };
  };
  const cold = await run();
  const embedded = fresh.stats.embedded / postings.length;
  const warm = await run();
  if (base.length === 0) base.push(cold.cpu, warm.cpu);
  const ratio = (x: number, b: number) => (base.length && b > 0 ? ` (${(x / b).toFixed(2)}×)` : '');
  console.log(`| ${name} | ${cold.cpu.toFixed(0)}${ratio(cold.cpu, base[0]!)} | ${warm.cpu.toFixed(0)}${ratio(warm.cpu, base[1]!)} | ${cold.wall.toFixed(0)} | ${warm.wall.toFixed(0)} | ${embedded.toFixed(1)} |`);
}
await index.dispose();
await model.dispose();
await cache.close();
