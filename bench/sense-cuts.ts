/**
 * Issue 18, title senses: which links the occupation-sense rule (engine/linking/occupation-senses.ts) cuts on real
 * postings. Links every hahu dev posting (`title\ndescription`, as `eval postings` does) twice with the full ESCO
 * taxonomy — priors with the occupations (senses on) and without them (senses off) — and prints each link ≥ the
 * threshold that only the run without senses keeps (cut by the rule), with the title's occupation, for reading.
 *
 *   npx tsx bench/sense-cuts.ts [--limit N]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { skillPriors } from '../engine/linking/features.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { titleOccupation } from '../engine/linking/occupation-senses.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { escoLexical, escoLinking } from './lib/esco-linking.ts';

const argv = process.argv.slice(2);
const li = argv.indexOf('--limit');
const limit = li >= 0 ? Number(argv[li + 1]) : Infinity;
const rows = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as { title: string; description: string }[]).slice(0, limit);
const texts = rows.map((r) => `${r.title}\n${r.description}`);

const { taxonomy, priors, model, cache, embedder, index } = await escoLinking('q8');
const lexical = escoLexical(taxonomy);
const plain = skillPriors(taxonomy.skills, taxonomy.occupationSkills, { broader: taxonomy.broader, relations: taxonomy.skillRelations });
const withSenses = await createLinker({ index, lexical, embedder, priors }).linkMany(texts);
const without = await createLinker({ index, lexical, embedder, priors: plain }).linkMany(texts);
const senses = priors.senses!;
const occLabel = new Map(taxonomy.occupations.map((o) => [o.id, o.preferredLabel]));
let cut = 0;
let titled = 0;
let links = 0;
texts.forEach((text, i) => {
  const o = titleOccupation(senses, text.split('\n')[0]!);
  if (o !== null) titled++;
  const kept = new Set(withSenses[i]!.map((l) => l.skillId));
  links += withSenses[i]!.length;
  for (const l of without[i]!) {
    if (kept.has(l.skillId)) continue;
    cut++;
    console.log(`${rows[i]!.title} [${o === null ? '-' : occLabel.get(senses.ids[o]!)}]: "${l.phrase}" → ${l.label} (${l.confidence.toFixed(2)})`);
  }
});
console.log(`\n${texts.length} postings, ${titled} with a title naming an occupation; ${links} links with senses; ${cut} links cut by the sense rule`);
await index.dispose();
await model.dispose();
await cache.close();
