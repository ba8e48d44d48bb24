import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
import type { Skill } from '../../taxonomy/model/types.ts';
import { labelRows, labelTexts, type LabelRow } from './label-rows.ts';
import type { TfidfSnapshot } from '../ports/index-snapshot.ts';
import { buildTfidfData, tfidfFromData, type TfidfIndex } from './tfidf-index.ts';

/**
 * Lexical matching against all labels (preferred, alternative, hidden): exact match of normalised
 * labels, and character 3–5-gram TF-IDF cosine, both reduced to one score per skill (max over labels).
 */
export interface LexicalIndex {
  readonly skills: readonly Skill[];
  /** Skill indices whose label match key equals the match key of `phrase`. */
  exact(phrase: string): readonly number[];
  /** Per skill: max TF-IDF cosine of `text` over its labels. */
  skillScores(text: string, out?: Float32Array): Float32Array;
  /** Max TF-IDF cosine of `text` over the labels of `skills[i]` only, into `out[i]` (candidate scoring). */
  skillScoresFor(text: string, skills: Int32Array, out?: Float32Array): Float32Array;
  /** Up to `k` skills whose labels best match `text` by TF-IDF over its uncommon grams (df ≤ maxDf), best first. */
  topSkills(text: string, k: number, maxDf?: number): Int32Array;
  /** A scorer of many short texts (`texts`, when known: see TfidfIndex.restrict) against the labels of `skills` only: per skill the max TF-IDF cosine over its labels. */
  restrict(skills: Int32Array, texts?: readonly string[]): (text: string, out?: Float32Array) => Float32Array;
}

/** Default document-frequency cap of `topSkills`: grams in more label rows than this are skipped. */
export const TOP_SKILLS_MAX_DF = 200;

export function buildLexicalIndex(skills: readonly Skill[], opts: { readonly snapshot?: TfidfSnapshot } = {}): LexicalIndex {
  const rows: readonly LabelRow[] = labelRows(skills, { descriptions: false, hiddenLabels: true });
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    // Label rows only (no descriptions): each has its key.
    const key = r.key ?? normaliseLabel(r.text);
    const list = byKey.get(key);
    if (!list) byKey.set(key, [r.skill]);
    else if (!list.includes(r.skill)) list.push(r.skill);
  }
  const texts = labelTexts(rows);
  // The TF-IDF arrays from a snapshot of the same label rows when there is one (warm start), else built and saved.
  let data = opts.snapshot?.load(texts) ?? null;
  if (!data) {
    data = buildTfidfData(texts);
    opts.snapshot?.save(texts, data);
  }
  const tfidf: TfidfIndex = tfidfFromData(data);
  const rowSkill = Int32Array.from(rows, (r) => r.skill);
  const rowBuf = new Float32Array(rows.length);
  const skillStart = new Int32Array(skills.length + 1);
  for (const r of rows) skillStart[r.skill + 1]!++;
  for (let k = 0; k < skills.length; k++) skillStart[k + 1] = skillStart[k + 1]! + skillStart[k]!;
  /** The label rows of `wanted` skills, and for each row the position of its skill in `wanted`. */
  function rowsOf(wanted: Int32Array): { ids: Int32Array; owner: Int32Array } {
    let n = 0;
    for (let i = 0; i < wanted.length; i++) n += skillStart[wanted[i]! + 1]! - skillStart[wanted[i]!]!;
    const ids = new Int32Array(n);
    const owner = new Int32Array(n);
    for (let i = 0, at = 0; i < wanted.length; i++) {
      for (let r = skillStart[wanted[i]!]!; r < skillStart[wanted[i]! + 1]!; r++, at++) {
        ids[at] = r;
        owner[at] = i;
      }
    }
    return { ids, owner };
  }

  /** Per skill of `wanted` the max over its rows' scores (0 when none is positive), into `out`. */
  function maxPerSkill(scores: Float32Array, owner: Int32Array, out: Float32Array): Float32Array {
    out.fill(0);
    for (let j = 0; j < owner.length; j++) if (scores[j]! > out[owner[j]!]!) out[owner[j]!] = scores[j]!;
    return out;
  }

  return {
    skills,
    exact: (phrase) => byKey.get(normaliseLabel(phrase)) ?? [],
    skillScores(text, out = new Float32Array(skills.length)) {
      out.fill(0);
      tfidf.scores(text, rowBuf);
      for (let r = 0; r < rowBuf.length; r++) {
        const v = rowBuf[r]!;
        if (v > out[rowSkill[r]!]!) out[rowSkill[r]!] = v;
      }
      return out;
    },
    topSkills(text, k, maxDf = TOP_SKILLS_MAX_DF) {
      const out: number[] = [];
      const seen = new Set<number>();
      // A skill has several label rows: ask for extra rows so k distinct skills usually come back.
      for (const r of tfidf.topRows(text, 3 * k, maxDf)) {
        const sk = rowSkill[r]!;
        if (seen.has(sk)) continue;
        seen.add(sk);
        out.push(sk);
        if (out.length >= k) break;
      }
      return Int32Array.from(out);
    },
    restrict(wanted, texts) {
      const { ids, owner } = rowsOf(wanted);
      const scorer = tfidf.restrict(ids, texts);
      const buf = new Float32Array(ids.length);
      return (text, out = new Float32Array(wanted.length)) => maxPerSkill(scorer.scores(text, buf), owner, out);
    },
    skillScoresFor(text, wanted, out = new Float32Array(wanted.length)) {
      const { ids, owner } = rowsOf(wanted);
      return maxPerSkill(tfidf.scoresFor(text, ids), owner, out);
    },
  };
}
