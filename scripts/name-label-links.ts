/**
 * Issue 18, name labels (engine/linking/name-labels.ts): how often the linker links a skill through one of the
 * taxonomy's names that are also ordinary words ("Access", "Source", …), on real text nobody here wrote — the SkillSpan
 * train and dev sentences (MIT) and the hahu dev postings (CC BY 4.0), read in place from ../shared/datasets. There is
 * no gold: the script prints the count per skill and every such link with its text around it, for reading.
 *
 *   npx tsx scripts/name-label-links.ts [--dtype q8|fp32]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { nameLabels } from '../engine/linking/name-labels.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { escoLexical, escoLinking } from '../bench/lib/esco-linking.ts';

const argv = process.argv.slice(2);
const i = argv.indexOf('--dtype');
const dtype = (i >= 0 ? argv[i + 1] : 'q8') as EmbedderDtype;
const texts: string[] = [];
for (const split of ['train', 'dev']) {
  for (const line of readFileSync(sharedPath('datasets', 'skillspan', 'json', `${split}.json`), 'utf8').split('\n')) {
    if (line.trim() !== '') texts.push((JSON.parse(line) as { tokens: string[] }).tokens.join(' '));
  }
}
for (const r of parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv')), { columns: true }) as Record<string, string>[]) texts.push(r['description'] ?? '');

const { taxonomy, priors, model, cache, embedder, index } = await escoLinking(dtype);

// The skills that own a name label (one of their labels is a name label as the taxonomy writes it).
const names = nameLabels(taxonomy.skills);
const owners = new Set(taxonomy.skills.filter((s) => [s.preferredLabel, ...s.altLabels, ...s.hiddenLabels].some((l) => names?.nameOf(l))).map((s) => s.id));
const label = new Map(taxonomy.skills.map((s) => [s.id, s.preferredLabel]));
const linker = createLinker({ index, lexical: escoLexical(taxonomy), embedder, priors });
const links = await linker.linkMany(texts);
const counts = new Map<string, number>();
const lines: string[] = [];
links.forEach((found, t) => {
  for (const l of found) {
    if (!owners.has(l.skillId)) continue;
    counts.set(label.get(l.skillId)!, (counts.get(label.get(l.skillId)!) ?? 0) + 1);
    const [a, b] = l.provenance.span;
    lines.push(`  ${label.get(l.skillId)} ${l.confidence.toFixed(2)} [${l.phrase}] … ${texts[t]!.slice(Math.max(0, a - 40), b + 30).replace(/\s+/g, ' ')}`);
  }
});
console.log(`name labels: ${[...(names?.keys ?? [])].sort().join(', ')}`);
console.log(`${texts.length} texts, ${links.reduce((n, x) => n + x.length, 0)} links ≥ the threshold; links to the skills that own a name label:`);
for (const [l, n] of [...counts].sort((x, y) => y[1] - x[1])) console.log(`  ${String(n).padStart(4)}  ${l}`);
console.log(lines.sort().join('\n'));
await index.dispose();
await model.dispose();
await cache.close();
