/**
 * Builds the linking training set (issue 18): (text, gold ESCO skills) queries from public text the
 * Decorte benchmarks did not come from, so that every learned part of the linker (fusion weights,
 * calibration per kind of text) is fitted outside the three dev sets.
 *
 *   npx tsx scripts/build-linking-trainset.ts                 # seed 18, writes .cache/linking-train/
 *   npx tsx scripts/build-linking-trainset.ts --seed 7 --out .cache/linking-train-7
 *
 * Sources (all read in place from ../shared/datasets; see each PROVENANCE.md):
 *   label        ESCO v1.1.1 alternative labels → their skill (CC BY 4.0, European Commission)
 *   description  the first sentence of an ESCO skill description → the skill
 *   posting      sentences of SkillSpan TRAIN + DEV postings (MIT; the benchmarks' TECH/HOUSE sentences
 *                come from SkillSpan TEST, which is not used), hahu dev posting descriptions (CC BY 4.0)
 *                and Green et al. dev job-description sentences (CC BY 4.0): distant supervision — a
 *                sentence that contains an ESCO label or alternative label (whole words, normalised;
 *                the label names exactly one skill; a single-word label only when rare in the corpus)
 *                is a query for that skill; a seeded share of them with the phrase masked (removed),
 *                so that the context must carry the skill
 *   cv           hahu `synthetic_query` (a first-person experience sentence written from the posting),
 *                distant supervision as above
 *   course       Coursera catalogue rows (internal use only, see its PROVENANCE): title + skill tags,
 *                gold = the tags that equal an ESCO label
 * CV and course phrasing (issue 18, third pass; appended after the queries above, which stay byte-identical):
 *   cv           hahu `synthetic_query` sentences that name a label only once their verbs are read in base form
 *                ("i supervised cash operations" → "supervise …", engine/linking/verb-forms.ts); rule-based
 *                rewrites of the distantly supervised posting sentences into CV lines — requirement frame
 *                removed, leading verb(s) in the past tense, a seeded 30 % with "I" ("You will analyse sales
 *                data" → "Analysed sales data"; scripts/lib/cv-rewrite.ts), gold = the original's; ESCO
 *                alternative labels that start with a verb, as CV lines ("perform data cleansing" →
 *                "Performed data cleansing")
 *   course       the same posting sentences rewritten as learning outcomes ("Learn how to analyse sales data")
 * Each rewrite records the query it was derived from (`derivedFrom`) and keeps its `masked` flag.
 * Each query also lists hard negatives: taxonomy siblings (same broader skill or group) and related
 * skills of its gold skills. Any text that equals a benchmark sentence, or contains / is contained in
 * one (normalised, ≥ 30 characters), is dropped. Seeded; output (git-ignored) = train.jsonl (one
 * query per line) + manifest.json (counts per kind and source, sha256 of every input and of the output).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { segmentText } from '../engine/linking/segment.ts';
import { verbFormsOf } from '../engine/linking/verb-forms.ts';
import { seededRandom } from '../engine/ports/random.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { normaliseLabel } from '../taxonomy/model/normalise.ts';
import { rewriteAsCourse, rewriteAsCv, verbStarts } from './lib/cv-rewrite.ts';

export type TrainKind = 'label' | 'description' | 'posting' | 'cv' | 'course';

export interface TrainQuery {
  readonly id: string;
  readonly kind: TrainKind;
  readonly source: string;
  readonly text: string;
  /** Gold skill ids. */
  readonly skills: readonly string[];
  /** The matched phrase was removed from the text. */
  readonly masked: boolean;
  readonly hardNegatives: readonly string[];
  /** For a rule-based rewrite: the id of the query (or the label) it was derived from. */
  readonly derivedFrom?: string;
}

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const seed = Number(opt('seed', '18'));
const outDir = opt('out', join('.cache', 'linking-train'));
/** Caps per kind (seeded sample when more are found). */
const CAPS: Record<TrainKind, number> = { label: 700, description: 300, posting: 1800, cv: 300, course: 400 };
/** Caps of the CV and course phrasing part (appended). */
const PHRASING_CAPS = { cvLemma: 200, cvRewrite: 450, cvLabel: 100, courseRewrite: 300, cvDescription: 300 } as const;
/** Words of a description clause made into a CV line: a CV line is short. */
const CLAUSE_WORDS = { min: 3, max: 14 } as const;

/** The first clause of a description's first sentence (cut at its first comma or semicolon), when it has 3–14 words. */
function descriptionClause(description: string): string | null {
  const first = segmentText(description)[0]?.text ?? '';
  const clause = first.split(/[,;:]/)[0]!.trim();
  const n = clause.split(/\s+/).length;
  return n >= CLAUSE_WORDS.min && n <= CLAUSE_WORDS.max ? clause : null;
}

/** Whether `text` contains one of the skill's labels as whole words (normalised). */
function namesALabel(text: string, skill: { preferredLabel: string; altLabels: readonly string[] }): boolean {
  const t = ` ${normaliseLabel(text)} `;
  return [skill.preferredLabel, ...skill.altLabels].some((l) => t.includes(` ${normaliseLabel(l)} `));
}
/** Share of distantly supervised sentences whose phrase is masked. */
const MASK_SHARE = 0.25;
if (!Number.isInteger(seed)) {
  process.stderr.write('usage: build-linking-trainset [--seed N] [--out DIR]\n');
  process.exit(2);
}
const random = seededRandom(seed);
const inputs: Record<string, string> = {};
const read = (...parts: string[]): string => {
  const file = sharedPath('datasets', ...parts);
  const text = readFileSync(file, 'utf8');
  inputs[parts.join('/')] = createHash('sha256').update(text).digest('hex');
  return text;
};
const csv = (...parts: string[]) => parse(read(...parts), { columns: true, relax_column_count: true }) as Record<string, string>[];

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// --- taxonomy -------------------------------------------------------------------------------------
const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
for (const f of ['skills_en.csv', 'broaderRelationsSkillPillar.csv', 'skillSkillRelations.csv']) read('esco-v1.1.1', f);
const skills = taxonomy.skills;
/** Normalised label → the skills it names (preferred, alternative, hidden). */
const byLabel = new Map<string, Set<string>>();
for (const s of skills) {
  for (const l of [s.preferredLabel, ...s.altLabels, ...s.hiddenLabels]) {
    const key = normaliseLabel(l);
    if (key.length < 3) continue;
    let set = byLabel.get(key);
    if (!set) byLabel.set(key, (set = new Set()));
    set.add(s.id);
  }
}
const children = new Map<string, string[]>();
const parents = new Map<string, string[]>();
for (const e of taxonomy.broader) {
  (children.get(e.parentId) ?? children.set(e.parentId, []).get(e.parentId)!).push(e.childId);
  (parents.get(e.childId) ?? parents.set(e.childId, []).get(e.childId)!).push(e.parentId);
}
const related = new Map<string, string[]>();
for (const r of taxonomy.skillRelations) {
  (related.get(r.fromId) ?? related.set(r.fromId, []).get(r.fromId)!).push(r.toId);
  (related.get(r.toId) ?? related.set(r.toId, []).get(r.toId)!).push(r.fromId);
}
const isSkill = new Set(skills.map((s) => s.id));
/** Siblings (same broader skill or group) and related skills of the gold skills, at most 8, seeded. */
function hardNegatives(gold: readonly string[]): string[] {
  const out = new Set<string>();
  for (const g of gold) {
    for (const p of parents.get(g) ?? []) for (const c of children.get(p) ?? []) if (isSkill.has(c)) out.add(c);
    for (const r of related.get(g) ?? []) out.add(r);
  }
  for (const g of gold) out.delete(g);
  return shuffle([...out].sort()).slice(0, 8).sort();
}

// --- benchmark sentences (never in the training set) ------------------------------------------------
const bench = ['tech_validation_annotations.csv', 'house_validation_annotations.csv', 'techwolf_dev_annotations.csv'].flatMap((f) =>
  csv('skill-extraction-benchmark-decorte', f).map((r) => normaliseLabel(r['sentence'] ?? '')),
);
const benchSet = new Set(bench.filter((s) => s !== ''));
const benchLong = [...benchSet].filter((s) => s.length >= 30);
const dropped: Record<string, number> = {};
function inBenchmark(text: string, source: string): boolean {
  const key = normaliseLabel(text);
  const hit = benchSet.has(key) || (key.length >= 30 && benchLong.some((b) => key.includes(b) || b.includes(key)));
  if (hit) dropped[source] = (dropped[source] ?? 0) + 1;
  return hit;
}

// --- distant supervision ----------------------------------------------------------------------------
interface Sentence {
  readonly text: string;
  readonly source: string;
  readonly kind: 'posting' | 'cv';
}
const sentences: Sentence[] = [];
const addSentences = (text: string, source: string, kind: Sentence['kind']) => {
  for (const s of segmentText(text)) {
    const words = s.text.split(/\s+/).length;
    if (words >= 4 && words <= 60) sentences.push({ text: s.text, source, kind });
  }
};
for (const split of ['train', 'dev']) {
  for (const line of read('skillspan', 'json', `${split}.json`).split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as { tokens: string[]; source: string };
    const text = r.tokens.join(' ').replace(/ ([,.;:!?)])/g, '$1').replace(/\( /g, '(');
    if (!/<(ORGANIZATION|ADDRESS|LOCATION)>/.test(text)) addSentences(text, `skillspan-${r.source}-${split}`, 'posting');
  }
}
for (const r of csv('hahu-job-postings-esco', 'hahu_dev.csv')) {
  addSentences(r['description'] ?? '', 'hahu-dev', 'posting');
  addSentences(r['synthetic_query'] ?? '', 'hahu-dev-synthetic', 'cv');
}
{
  const rows = csv('green-skill-extraction', 'df_testset_dev.csv');
  const bySentence = new Map<string, string[]>();
  for (const r of rows) (bySentence.get(r['sentence_id']!) ?? bySentence.set(r['sentence_id']!, []).get(r['sentence_id']!)!).push(r['word']!);
  for (const words of bySentence.values()) addSentences(words.join(' ').replace(/ ([,.;:!?)])/g, '$1'), 'green-dev', 'posting');
}

/** How many sentences contain each single word (lower case): a one-word label common in the corpus is too ambiguous to supervise. */
const wordDf = new Map<string, number>();
for (const s of sentences) for (const w of new Set(normaliseLabel(s.text).split(' '))) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
const rareWord = (w: string) => (wordDf.get(w) ?? 0) <= Math.max(3, sentences.length * 0.002);

/** Longest non-overlapping label matches of a sentence: [start word, end word) and the one skill each names. */
function labelMatches(words: readonly string[]): { from: number; to: number; skill: string }[] {
  const out: { from: number; to: number; skill: string }[] = [];
  let i = 0;
  while (i < words.length) {
    let hit: { from: number; to: number; skill: string } | null = null;
    for (let n = Math.min(6, words.length - i); n >= 1; n--) {
      const key = words.slice(i, i + n).join(' ');
      const set = byLabel.get(key);
      if (!set || set.size !== 1) continue;
      if (n === 1 && (key.length < 4 || !rareWord(key))) continue;
      hit = { from: i, to: i + n, skill: [...set][0]! };
      break;
    }
    if (hit) {
      out.push(hit);
      i = hit.to;
    } else i++;
  }
  return out;
}

const queries: TrainQuery[] = [];
const seen = new Set<string>();
let serial = 0;
function push(kind: TrainKind, source: string, text: string, gold: readonly string[], masked: boolean, derivedFrom?: string): boolean {
  const key = normaliseLabel(text);
  if (gold.length === 0 || key === '' || seen.has(key) || inBenchmark(text, source)) return false;
  seen.add(key);
  queries.push({ id: `${kind}-${++serial}`, kind, source, text, skills: [...new Set(gold)].sort(), masked, hardNegatives: hardNegatives(gold), ...(derivedFrom ? { derivedFrom } : {}) });
  return true;
}

const distant: { kind: TrainKind; source: string; text: string; gold: string[]; masked: boolean }[] = [];
for (const s of shuffle(sentences)) {
  const words = normaliseLabel(s.text).split(' ');
  const matches = labelMatches(words);
  if (matches.length === 0) continue;
  if (random() < MASK_SHARE) {
    // Masked: one match removed (the first), the others stay; gold = the removed one's skill.
    const m = matches[0]!;
    const rest = [...words.slice(0, m.from), ...words.slice(m.to)];
    if (rest.length >= 5) distant.push({ kind: s.kind, source: s.source, text: rest.join(' '), gold: [m.skill], masked: true });
    continue;
  }
  distant.push({ kind: s.kind, source: s.source, text: s.text, gold: matches.map((m) => m.skill), masked: false });
}
for (const kind of ['posting', 'cv'] as const) for (const d of distant.filter((x) => x.kind === kind).slice(0, CAPS[kind])) push(d.kind, d.source, d.text, d.gold, d.masked);

// --- ESCO's own labels and descriptions -------------------------------------------------------------
const labelPairs: { text: string; skill: string }[] = [];
const descPairs: { text: string; skill: string }[] = [];
for (const s of skills) {
  const pref = normaliseLabel(s.preferredLabel);
  for (const a of s.altLabels) if (normaliseLabel(a) !== pref && byLabel.get(normaliseLabel(a))?.size === 1) labelPairs.push({ text: a.trim(), skill: s.id });
  const first = segmentText(s.description)[0]?.text;
  if (first && first.split(/\s+/).length >= 5) descPairs.push({ text: first, skill: s.id });
}
for (const p of shuffle(labelPairs).slice(0, CAPS.label)) push('label', 'esco-altLabels', p.text, [p.skill], false);
for (const p of shuffle(descPairs).slice(0, CAPS.description)) push('description', 'esco-descriptions', p.text, [p.skill], false);

// --- courses ----------------------------------------------------------------------------------------
const courses: { text: string; gold: string[] }[] = [];
for (const [file, title, tags] of [
  ['coursera_courses_1139_skills.csv', 'course', 'skills'],
  ['coursera_courses_3404_gained_skills.csv', 'Title', 'Gained Skills'],
] as const) {
  for (const r of csv('coursera-courses', file)) {
    const list = (r[tags] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const gold = list.flatMap((t) => {
      const set = byLabel.get(normaliseLabel(t));
      return set && set.size === 1 ? [...set] : [];
    });
    if (gold.length > 0 && r[title]) courses.push({ text: `${r[title]!.trim()}: ${list.join(', ')}`, gold });
  }
}
for (const c of shuffle(courses).slice(0, CAPS.course)) push('course', 'coursera', c.text, c.gold, false);

// --- CV and course phrasing (appended: the queries above keep their ids, text and order) ------------------
queries.sort((a, b) => (a.id < b.id ? -1 : 1));
const before = queries.length;
{
  const draw = seededRandom(seed + 1);
  const allLabels = skills.flatMap((s) => [s.preferredLabel, ...s.altLabels]);
  const forms = verbFormsOf(allLabels);
  const verbs = verbStarts(allLabels);
  // hahu's first-person sentences that name a label once their verbs are in base form (not matched above).
  let n = 0;
  for (const s of sentences) {
    if (s.kind !== 'cv' || n >= PHRASING_CAPS.cvLemma) continue;
    const plain = labelMatches(normaliseLabel(s.text).split(' '));
    const lemma = labelMatches(normaliseLabel(forms.normalise(s.text)).split(' '));
    const gold = lemma.map((m) => m.skill);
    if (lemma.length > plain.length && push('cv', `${s.source}-verb-forms`, s.text, gold, false)) n++;
  }
  // Posting sentences (the distant queries above, masked ones too) rewritten as CV lines and as course learning outcomes.
  const postingQueries = queries.slice(0, before).filter((q) => q.kind === 'posting');
  let cvN = 0;
  let courseN = 0;
  for (const q of postingQueries) {
    const d = draw();
    const cv = cvN < PHRASING_CAPS.cvRewrite ? rewriteAsCv(q.text, { verbs, draw: d }) : null;
    if (cv && push('cv', `${q.source}-cv-rewrite`, cv, q.skills, q.masked, q.id)) cvN++;
    const course = courseN < PHRASING_CAPS.courseRewrite ? rewriteAsCourse(q.text, { verbs, draw: draw() }) : null;
    if (course && push('course', `${q.source}-course-rewrite`, course, q.skills, q.masked, q.id)) courseN++;
  }
  // ESCO alternative labels that start with a verb, as CV lines.
  let labelN = 0;
  const verbLabels = skills.flatMap((s) => s.altLabels.filter((a) => byLabel.get(normaliseLabel(a))?.size === 1 && a.trim().split(/\s+/).length >= 2).map((a) => ({ text: a.trim(), skill: s.id })));
  for (const p of verbLabels.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))) {
    if (draw() > 0.02 || labelN >= PHRASING_CAPS.cvLabel) continue;
    const cv = rewriteAsCv(p.text, { verbs, draw: 1 });
    if (cv && push('cv', 'esco-altLabels-cv', cv, [p.skill], false, `label:${p.text}`)) labelN++;
  }
  // ESCO descriptions' first clause as CV lines, when it names none of the skill's labels ("Detect and correct corrupt
  // records from data sets" → "Detected and corrected corrupt records from data sets" for "perform data cleansing"):
  // the paraphrase a CV line is, without the literal label the rewrites above keep (round 5).
  const pick = seededRandom(seed + 2);
  const described = skills.filter((s) => s.description.trim() !== '').map((s) => ({ s, r: pick() })).sort((a, b) => a.r - b.r);
  let descN = 0;
  for (const { s } of described) {
    if (descN >= PHRASING_CAPS.cvDescription) break;
    const clause = descriptionClause(s.description);
    const cv = clause ? rewriteAsCv(clause, { verbs, draw: draw() }) : null;
    if (!cv || namesALabel(cv, s)) continue;
    if (push('cv', 'esco-descriptions-cv', cv, [s.id], false, `description:${s.id}`)) descN++;
  }
}
const added = queries.splice(before).sort((a, b) => (a.id < b.id ? -1 : 1));
queries.push(...added);

// --- output -----------------------------------------------------------------------------------------
mkdirSync(outDir, { recursive: true });
const body = queries.map((q) => JSON.stringify(q)).join('\n') + '\n';
writeFileSync(join(outDir, 'train.jsonl'), body);
const count = (f: (q: TrainQuery) => string) => queries.reduce<Record<string, number>>((m, q) => ((m[f(q)] = (m[f(q)] ?? 0) + 1), m), {});
const manifest = {
  script: 'scripts/build-linking-trainset.ts',
  seed,
  maskShare: MASK_SHARE,
  caps: CAPS,
  queries: queries.length,
  goldPairs: queries.reduce((n, q) => n + q.skills.length, 0),
  byKind: count((q) => q.kind),
  bySource: count((q) => q.source),
  masked: queries.filter((q) => q.masked).length,
  candidateSentences: sentences.length,
  droppedAsBenchmark: dropped,
  inputs,
  output: { file: 'train.jsonl', sha256: createHash('sha256').update(body).digest('hex') },
};
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(JSON.stringify({ ...manifest, inputs: Object.keys(inputs).length }, null, 2));
