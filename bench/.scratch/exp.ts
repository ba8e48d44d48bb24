import { createOrtRowScorer } from '../../engine/adapters/ort-row-scorer.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { createTransformersEmbedder } from '../../engine/adapters/transformers-embedder.ts';
import { sha256Hex } from '../../engine/adapters/sha256.ts';
import { createCachedEmbedder } from '../../engine/embedding/cached-embedder.ts';
import { buildSkillIndex, RowKind } from '../../engine/linking/skill-index.ts';
import { buildLexicalIndex } from '../../engine/linking/lexical-index.ts';
import { candidatePhrases } from '../../engine/linking/phrases.ts';
import { linkingQueries } from '../../engine/eval/eval-linking.ts';
import { readSkills } from './esco-skills.ts';
const dtype = (process.argv[2] ?? 'q8') as 'q8' | 'fp32';
const maxWords = Number(process.argv[3] ?? 4);
const skills = readSkills();
const store = await createSqliteStore('/tmp/sg-cache.sqlite');
const emb = createCachedEmbedder({ embedder: await createTransformersEmbedder({ dtype }), cache: store, hash: sha256Hex });
let t0 = performance.now();
const idx = await buildSkillIndex(skills, emb, { scorer: (m, r, d) => createOrtRowScorer(m, r, d) });
console.error('index', ((performance.now() - t0) / 1000).toFixed(1), emb.stats);
t0 = performance.now();
const lex = buildLexicalIndex(skills);
console.error('lex', ((performance.now() - t0) / 1000).toFixed(1));
const D = '/work/shared/datasets/skill-extraction-benchmark-decorte/';
const LAB = new Set([RowKind.Preferred, RowKind.Alternative, RowKind.Hidden]);
const DESC = new Set([RowKind.Described]);
const out: Record<string, unknown> = {};
for (const name of ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations']) {
  const rows = parse(readFileSync(D + name + '.csv', 'utf8'), { columns: true }) as { sentence: string; label: string }[];
  const qs = linkingQueries(rows, skills);
  const recs = [];
  t0 = performance.now();
  for (const q of qs) {
    const phrases = candidatePhrases(q.sentence, maxWords);
    const vecs = await emb.embed([q.sentence, ...phrases.map((p) => p.text)]);
    const [sent, ...pv] = vecs;
    const sentLab = idx.skillScores(sent!, undefined, LAB);
    const sentDesc = idx.skillScores(sent!, undefined, DESC);
    const perPhrase = pv.length ? await idx.skillScoresBatch(pv, LAB) : [];
    const phr = new Float32Array(skills.length).fill(-1);
    const phrSum = new Float32Array(skills.length);
    for (const a of perPhrase) for (let i = 0; i < a.length; i++) { if (a[i]! > phr[i]!) phr[i] = a[i]!; }
    const lexSent = lex.skillScores(q.sentence);
    const lexPhr = new Float32Array(skills.length);
    const exact = new Float32Array(skills.length);
    for (const p of phrases) {
      const l = lex.skillScores(p.text);
      for (let i = 0; i < l.length; i++) if (l[i]! > lexPhr[i]!) lexPhr[i] = l[i]!;
      for (const s of lex.exact(p.text)) exact[s] = 1;
    }
    const rel = [...q.relevant].map((id) => skills.findIndex((s) => s.id === id));
    recs.push({ rel, sentLab: Array.from(sentLab), sentDesc: Array.from(sentDesc), phr: Array.from(phr), lexSent: Array.from(lexSent), lexPhr: Array.from(lexPhr), exact: Array.from(exact), nphr: phrases.length });
  }
  console.error(name, qs.length, ((performance.now() - t0) / 1000).toFixed(1), 's');
  out[name] = recs;
}
writeFileSync(`/tmp/signals-${dtype}-${maxWords}.json`, JSON.stringify(out));
await store.close();
