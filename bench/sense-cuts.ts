/**
 * Issue 18, title senses: which links the occupation-sense rule (engine/linking/occupation-senses.ts) cuts on real
 * postings. Links every hahu dev posting (`title\ndescription`, as `eval postings` does) twice with the full ESCO
 * taxonomy — priors with the occupations (senses on) and without them (senses off) — and prints each link ≥ the
 * threshold that only the run without senses keeps (cut by the rule), with the title's occupation, for reading.
 *
 * `--inferred [MIN]`: instead, what reading each text in the sense of the title normaliser's occupation changes (the
 * occupation an import infers for a posting that states none, with confidence ≥ MIN, default 0.8 as
 * `inferPostingOccupations`; passed as the text's occupation, as imports do, so it wins over an exact title line): the
 * links that run cuts and adds against the exact-title rule alone, and `eval postings`' metrics (the same scoring as
 * `skillgraph eval postings`) with each run's links.
 *
 *   npx tsx bench/sense-cuts.ts [--limit N] [--inferred [MIN]]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createFileIndexSnapshot, defaultIndexSnapshotDir } from '../engine/adapters/file-index-snapshot.ts';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { evalPostings, type PostingMetrics, type PostingRow } from '../engine/eval/eval-postings.ts';
import { skillPriors } from '../engine/linking/features.ts';
import { RowKind } from '../engine/linking/label-rows.ts';
import { createLinker, type LinkResult } from '../engine/linking/link-text.ts';
import { buildOccupationIndex } from '../engine/linking/occupation-index.ts';
import { titleOccupation } from '../engine/linking/occupation-senses.ts';
import { titleNormalizerOver } from '../engine/linking/title-normalizer.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { escoLexical, escoLinking } from './lib/esco-linking.ts';

const argv = process.argv.slice(2);
const li = argv.indexOf('--limit');
const limit = li >= 0 ? Number(argv[li + 1]) : Infinity;
const ii = argv.indexOf('--inferred');
const inferMin = ii < 0 ? null : argv[ii + 1] !== undefined && !argv[ii + 1]!.startsWith('--') ? Number(argv[ii + 1]) : 0.8;
if (inferMin !== null && !(inferMin >= 0 && inferMin <= 1)) throw new Error(`invalid --inferred: ${argv[ii + 1]} (expected a confidence in [0, 1])`);
const rows = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as { title: string; description: string; esco_code: string }[]).slice(0, limit);
const texts = rows.map((r) => `${r.title}\n${r.description}`);

const { taxonomy, priors, model, cache, embedder, index } = await escoLinking('q8');
const lexical = escoLexical(taxonomy);
const senses = priors.senses!;
const occLabel = new Map(taxonomy.occupations.map((o) => [o.id, o.preferredLabel]));
const withSenses = await createLinker({ index, lexical, embedder, priors }).linkMany(texts);

/** Prints each link of `before` that `after` drops, with the occupation the text was read in; returns how many. */
function printCuts(before: readonly LinkResult[][], after: readonly LinkResult[][], occupationOf: (i: number) => string): number {
  let cut = 0;
  texts.forEach((_, i) => {
    const kept = new Set(after[i]!.map((l) => l.skillId));
    for (const l of before[i]!) {
      if (kept.has(l.skillId)) continue;
      cut++;
      console.log(`${rows[i]!.title} [${occupationOf(i)}]: "${l.phrase}" → ${l.label} (${l.confidence.toFixed(2)})`);
    }
  });
  return cut;
}

const titleOcc = texts.map((t) => titleOccupation(senses, t.split('\n')[0]!));
if (inferMin === null) {
  const plain = skillPriors(taxonomy.skills, taxonomy.occupationSkills, { broader: taxonomy.broader, relations: taxonomy.skillRelations });
  const without = await createLinker({ index, lexical, embedder, priors: plain }).linkMany(texts);
  const cut = printCuts(without, withSenses, (i) => (titleOcc[i] === null ? '-' : occLabel.get(senses.ids[titleOcc[i]!]!)!));
  const links = withSenses.reduce((n, l) => n + l.length, 0);
  console.log(`\n${texts.length} postings, ${titleOcc.filter((o) => o !== null).length} with a title naming an occupation; ${links} links with senses; ${cut} links cut by the sense rule`);
} else {
  const occIndex = await buildOccupationIndex(taxonomy.occupations, embedder, { scorer: (m, r, d) => createOrtRowScorer(m, r, d), snapshot: createFileIndexSnapshot(defaultIndexSnapshotDir()) });
  const normalizer = titleNormalizerOver(occIndex, taxonomy.occupations, embedder);
  const best = await normalizer.normalize(rows.map((r) => r.title), 1);
  const inferred = best.map((m) => (m[0] && m[0].confidence >= inferMin ? m[0] : null));
  const overridden = inferred.filter((m, i) => m !== null && titleOcc[i] !== null && senses.ids[titleOcc[i]!] !== m.occupationId).length;
  const sensed = await createLinker({ index, lexical, embedder, priors }).linkMany(texts, { occupations: inferred.map((m) => m?.occupationId ?? null) });
  const cut = printCuts(withSenses, sensed, (i) => `${inferred[i]?.label ?? '-'} ${inferred[i]?.confidence.toFixed(2) ?? ''}`);
  console.log('\nadded (kept by the inferred occupation, cut by the exact-title rule):');
  const added = printCuts(sensed, withSenses, (i) => (titleOcc[i] === null ? '-' : occLabel.get(senses.ids[titleOcc[i]!]!)!));
  const used = inferred.filter((m) => m !== null).length;
  const more = inferred.filter((m, i) => m !== null && titleOcc[i] === null).length;
  console.log(`\n${texts.length} postings, ${titleOcc.filter((o) => o !== null).length} with a title naming an occupation; ${used} with an inferred one (confidence ≥ ${inferMin}), ${more} of them without such a title, ${overridden} naming another occupation than the title; ${cut} links cut against the exact-title rule alone, ${added} added`);
  // eval postings' scoring (cli/commands/eval.ts): title similarity per occupation, each title in a product of its own.
  const vectors = await embedder.embed(rows.map((r) => r.title.trim()));
  const titleSim: Float32Array[] = [];
  for (const v of vectors) titleSim.push((await occIndex.skillScoresBatch([v], new Set([RowKind.Preferred, RowKind.Alternative])))[0]!);
  const postingRows: PostingRow[] = rows.map((r) => ({ title: r.title, description: r.description, occupationCode: r.esco_code }));
  const at = new Map(postingRows.map((r, i) => [r, i]));
  const score = (links: readonly LinkResult[][]): Promise<PostingMetrics> =>
    evalPostings(postingRows, taxonomy.occupations, taxonomy.occupationSkills, async (r) => {
      const i = at.get(r)!;
      return { skills: links[i]!, titleSimilarity: new Map(occIndex.skills.map((o, j) => [o.id, titleSim[i]![j]!])) };
    });
  const show = (m: PostingMetrics): string => `skills ${JSON.stringify(m.skills)} combined ${JSON.stringify(m.combined)} byWeight ${JSON.stringify(m.combinedByWeight)}`;
  console.log(`eval postings, exact titles only: ${show(await score(withSenses))}`);
  console.log(`eval postings, + inferred:        ${show(await score(sensed))}`);
  await normalizer.dispose();
}
await index.dispose();
await model.dispose();
await cache.close();
