/**
 * Writes the postings file the whole-command speed figures use (issue 18): a schema.org JobPosting
 * `@graph` of 300 real postings — the 162 hahu dev postings (title + description) and the first 138
 * SkillSpan train postings (sentences rebuilt per (source, idx)) — each description cut to 300 words.
 *
 *   npx tsx bench/command-postings.ts .cache/postings-300.jsonld
 *   /usr/bin/time -v npx skillgraph import postings .cache/postings-300.jsonld --link --db <store>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: command-postings <out.jsonld>\n');
  process.exit(2);
}
interface Posting {
  readonly '@type': 'JobPosting';
  readonly '@id': string;
  readonly datePosted: string;
  readonly hiringOrganization: { readonly '@type': 'Organization'; readonly name: string };
  readonly title: string;
  description: string;
}
const graph: Posting[] = [];
const rows = parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
for (const r of rows) {
  graph.push({ '@type': 'JobPosting', '@id': `urn:hahu:${r['ID']}`, datePosted: '2024-05-12', hiringOrganization: { '@type': 'Organization', name: 'hahu employer' }, title: r['title'] ?? '', description: r['description'] ?? '' });
}
const byPosting = new Map<string, string[]>();
for (const line of readFileSync(sharedPath('datasets', 'skillspan', 'json', 'train.json'), 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const r = JSON.parse(line) as { idx: number; source: string; tokens: string[] };
  const key = `${r.source}-${r.idx}`;
  (byPosting.get(key) ?? byPosting.set(key, []).get(key)!).push(r.tokens.join(' '));
}
for (const [key, sentences] of [...byPosting].slice(0, 300 - graph.length)) {
  graph.push({ '@type': 'JobPosting', '@id': `urn:skillspan:${key}`, datePosted: '2021-07-14', hiringOrganization: { '@type': 'Organization', name: 'SkillSpan employer' }, title: sentences[0]!.slice(0, 80), description: sentences.slice(1).join('\n') });
}
for (const p of graph) p.description = p.description.split(/(?<=\s)/).slice(0, 300).join('').trim();
writeFileSync(out, JSON.stringify({ '@context': 'https://schema.org', '@graph': graph }));
const words = graph.map((p) => `${p.title} ${p.description}`.split(/\s+/).length).sort((a, b) => a - b);
console.log(`${graph.length} postings, median ${words[words.length >> 1]} words → ${out}`);
