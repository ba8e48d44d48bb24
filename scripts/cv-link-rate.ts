/**
 * Issue 18, CV recall: how many public CV sentences get a link at the default threshold, per kind of
 * calibration. Sentences: the `work[].highlights` and `work[].summary` of the four JSON Resume examples in
 * engine/ingest/fixtures/json-resume (MIT, © JSON Resume; fictional people; see its PROVENANCE.md) — text
 * nobody here wrote — plus the three CV phrases issue 18 quotes. There is no gold: the script prints each
 * sentence's best link (label, confidence; the second too when it clears the threshold) for reading, and the
 * share of sentences with a link ≥ the threshold under each `textKind` ('cv' also reads inflected verbs in the
 * labels' base form, `verbForms`).
 *
 *   npx tsx scripts/cv-link-rate.ts [--dtype q8|fp32]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { TEXT_KINDS } from '../engine/linking/linking-weights.ts';
import { escoLexical, escoLinking } from '../bench/lib/esco-linking.ts';

const argv = process.argv.slice(2);
const i = argv.indexOf('--dtype');
const dtype = (i >= 0 ? argv[i + 1] : 'q8') as EmbedderDtype;
const dir = fileURLToPath(new URL('../engine/ingest/fixtures/json-resume/', import.meta.url));
const sentences: string[] = [];
for (const name of ['sample', 'career-changer', 'new-grad', 'senior-engineer']) {
  const cv = JSON.parse(readFileSync(`${dir}${name}.resume.json`, 'utf8')) as { work?: { summary?: string; highlights?: string[] }[] };
  for (const w of cv.work ?? []) for (const t of [...(w.highlights ?? []), ...(w.summary ? [w.summary] : [])]) if (t.trim() !== '') sentences.push(t.trim());
}
const ISSUE = ['cleaned data', 'presented findings to management', 'trained two junior analysts'];

const { taxonomy, priors, model, cache, embedder, index } = await escoLinking(dtype);
const lexical = escoLexical(taxonomy);
const rates: string[] = [];
for (const textKind of TEXT_KINDS) {
  const linker = createLinker({ index, lexical, embedder, priors, textKind, threshold: 0 });
  let linked = 0;
  const lines: string[] = [];
  for (const s of [...sentences, ...ISSUE]) {
    const links = await linker.link(s);
    const best = links[0];
    const ok = best !== undefined && best.confidence >= 0.3;
    if (ok && !ISSUE.includes(s)) linked++;
    // The best link, and the second when it too clears the threshold.
    const shown = links.filter((l, j) => j === 0 || (j === 1 && l.confidence >= 0.3));
    lines.push(`  ${ok ? '+' : ' '} ${s.length > 70 ? `${s.slice(0, 67)}…` : s} → ${shown.length > 0 ? shown.map((l) => `${l.label} (${l.confidence.toFixed(2)})`).join(', ') : 'nothing'}`);
  }
  console.log(`textKind ${textKind} (calibration ${JSON.stringify(linker.options.calibration)}):\n${lines.join('\n')}`);
  rates.push(`${textKind} ${linked} / ${sentences.length}`);
}
console.log(`\nJSON Resume sentences with a link ≥ 0.3: ${rates.join(', ')}`);
await index.dispose();
await model.dispose();
await cache.close();
