import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
import type { Skill } from '../../taxonomy/model/types.ts';
import { labelRows, type LabelRow } from './label-rows.ts';
import { buildTfidfIndex, type TfidfIndex } from './tfidf-index.ts';

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
}

export function buildLexicalIndex(skills: readonly Skill[]): LexicalIndex {
  const rows: LabelRow[] = labelRows(skills, { descriptions: false, hiddenLabels: true });
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    const key = normaliseLabel(r.text);
    const list = byKey.get(key);
    if (!list) byKey.set(key, [r.skill]);
    else if (!list.includes(r.skill)) list.push(r.skill);
  }
  const tfidf: TfidfIndex = buildTfidfIndex(rows.map((r) => r.text));
  const rowSkill = Int32Array.from(rows, (r) => r.skill);
  const rowBuf = new Float32Array(rows.length);
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
  };
}
