import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createTransformersEmbedder } from '../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { createMemoryCache } from '../engine/embedding/memory-cache.ts';
import { evalLinking } from '../engine/eval/eval-linking.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { createLinker } from "../engine/linking/link-text.ts";
import type { LinkerOptions } from "../engine/linking/options.ts";
import { buildSkillIndex } from '../engine/linking/skill-index.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const model = await createTransformersEmbedder({ dtype: 'q8', threads: 2 });
const cache = await createSqliteStore('/tmp/sg-cache.sqlite');
const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
const index = await buildSkillIndex(taxonomy.skills, embedder, { scorer: (m, r, d) => createOrtRowScorer(m, r, d) });
const lexical = buildLexicalIndex(taxonomy.skills);
const SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'];
const sets = SETS.map((name) => parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${name}.csv`), 'utf8'), { columns: true }) as { sentence: string; label: string }[]);
const postings = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[])
  .slice(0, 20).map((p) => `${p['title']}\n${p['description']}`.split(/\s+/).slice(0, 300).join(' '));
const configs: Record<string, Partial<LinkerOptions>> = JSON.parse(process.argv[2]!);
const acc = !process.argv.includes('--no-acc');
for (const [name, cfg] of Object.entries(configs)) {
  const fresh = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
  const linker = createLinker({ index: { ...index, modelId: fresh.modelId }, lexical, embedder: fresh, ...cfg });
  await linker.link(postings[0]!);
  const t0 = performance.now();
  for (const p of postings) await linker.link(p);
  const cold = postings.length / ((performance.now() - t0) / 1000);
  const cells: string[] = [];
  if (acc) {
    const l2 = createLinker({ index, lexical, embedder, ...cfg });
    for (const s of sets) {
      const m = await evalLinking(s, taxonomy.skills, async (q) => (await l2.rankSkills(q)).map((r) => r.skillId));
      cells.push([m.rp1, m.rp5, m.rp10, m.mrr].map((x) => (100 * x).toFixed(1)).join('/'));
    }
  }
  console.log(name, JSON.stringify(cfg), `${cold.toFixed(2)} p/s`, cells.join(' | '));
}
await index.dispose(); await model.dispose(); await cache.close();
