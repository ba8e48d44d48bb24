import type { BroaderEdge, Occupation, OccupationSkill, Skill, SkillRelation } from '../../taxonomy/model/types.ts';
import { occupationSenses, type OccupationSenses } from './occupation-senses.ts';
import { STOP_WORDS } from './stop-words.ts';
import { tokenize } from './phrases.ts';

/**
 * The per-(segment, skill) features of the fused score, in a fixed order (a feature vector is a
 * Float32Array of this length). The fused score is Σ weight·feature; the weights are learned
 * (engine/linking/fusion.ts) and stored per model id (weights/*.json).
 */
export const FEATURES = [
  /** Cosine of the segment vector to the skill's label vectors (max). */
  'sentence',
  /** Cosine of the segment vector to the skill's `label. description` vector, floored at 0. */
  'sentenceDescription',
  /** Max over candidate phrases of the phrase vector's cosine to the skill's label vectors, floored at 0. */
  'phrase',
  /** Character 3–5-gram TF-IDF cosine of the segment to the skill's labels (max). */
  'lexical',
  /** Max over candidate phrases of the TF-IDF cosine of the phrase to the skill's labels. */
  'lexicalPhrase',
  /** 1 when a candidate phrase equals one of the skill's labels (normalised). */
  'exact',
  /** Share of a label's content words found in the segment (max over labels): a label spelled out in full. */
  'coverage',
  /** How many occupations hold the skill as essential, log-scaled to [0, 1] (taxonomy prior). */
  'essential',
  /** 1 for a knowledge concept (ESCO skill type `knowledge`). */
  'knowledge',
  /** 1 for a transversal skill (ESCO reuse level). */
  'transversal',
  /** 1 for an occupation-specific skill (ESCO reuse level). */
  'occupationSpecific',
  /** `sentence` minus its maximum over the skills the segment ranks (0 for the best): the signal normalised per query. */
  'sentenceRel',
  /** `phrase` minus its maximum over the skills the segment ranks. */
  'phraseRel',
  /** `lexical` minus its maximum over the skills the segment ranks. */
  'lexicalRel',
  /** Best `phrase` signal among the skill's taxonomy neighbours (broader/narrower skills, skill–skill relations) that the segment also ranks. */
  'neighbour',
] as const;

export type Feature = (typeof FEATURES)[number];
export const N_FEATURES = FEATURES.length;
export const F: Readonly<Record<Feature, number>> = Object.freeze(Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<Feature, number>);

/** Which part of a link's explained score a feature belongs to (`LinkResult.scores`). */
export const FAMILY: Readonly<Record<Feature, 'embedding' | 'lexical' | 'prior'>> = Object.freeze({
  sentence: 'embedding',
  sentenceDescription: 'embedding',
  phrase: 'embedding',
  lexical: 'lexical',
  lexicalPhrase: 'lexical',
  exact: 'lexical',
  coverage: 'lexical',
  essential: 'prior',
  knowledge: 'prior',
  transversal: 'prior',
  occupationSpecific: 'prior',
  sentenceRel: 'embedding',
  phraseRel: 'embedding',
  lexicalRel: 'lexical',
  neighbour: 'prior',
});

/** Per-query features: [feature, the absolute feature it is relative to]. */
export const RELATIVE: readonly (readonly [Feature, Feature])[] = [
  ['sentenceRel', 'sentence'],
  ['phraseRel', 'phrase'],
  ['lexicalRel', 'lexical'],
];

/** Fills `neighbour` for the ranked skills `skills` (feature rows parallel to it): the best `phrase` among each one's ranked neighbours. */
export function putNeighbours(feats: Float32Array, skills: Int32Array, neighbours: readonly Int32Array[] | undefined): void {
  if (!neighbours) return;
  const slot = new Map<number, number>();
  skills.forEach((k, c) => slot.set(k, c));
  skills.forEach((k, c) => {
    let best = 0;
    for (const j of neighbours[k] ?? []) {
      const cj = slot.get(j);
      if (cj !== undefined && feats[cj * N_FEATURES + F.phrase]! > best) best = feats[cj * N_FEATURES + F.phrase]!;
    }
    feats[c * N_FEATURES + F.neighbour] = best;
  });
}

/** Fills the relative features of n feature rows: each absolute feature minus its maximum over the rows. */
export function putRelative(feats: Float32Array, n: number): void {
  for (const [rel, abs] of RELATIVE) {
    const a = F[abs];
    const r = F[rel];
    let max = -Infinity;
    for (let c = 0; c < n; c++) if (feats[c * N_FEATURES + a]! > max) max = feats[c * N_FEATURES + a]!;
    for (let c = 0; c < n; c++) feats[c * N_FEATURES + r] = feats[c * N_FEATURES + a]! - max;
  }
}

/** Taxonomy priors per skill (parallel to the skill list of the index). */
export interface SkillPriors {
  readonly essential: Float32Array;
  readonly knowledge: Uint8Array;
  readonly transversal: Uint8Array;
  readonly occupationSpecific: Uint8Array;
  /** Per skill, the indices of its taxonomy neighbours (empty without hierarchy data). */
  readonly neighbours?: readonly Int32Array[];
  /** Occupation titles and the sectors of the skills they hold (occupation-senses.ts), when occupations were given. */
  readonly senses?: OccupationSenses;
}

/**
 * Priors from the skills and the occupation–skill relations (an empty relation list gives essential = 0); neighbours
 * from skill–skill broader edges and relations when given; title senses when the occupations are given.
 */
export function skillPriors(
  skills: readonly Skill[],
  occupationSkills: readonly OccupationSkill[],
  links: { readonly broader?: readonly BroaderEdge[]; readonly relations?: readonly SkillRelation[]; readonly occupations?: readonly Occupation[] } = {},
): SkillPriors {
  const at = new Map(skills.map((s, i) => [s.id, i]));
  const count = new Float32Array(skills.length);
  for (const r of occupationSkills) {
    const k = at.get(r.skillId);
    if (k !== undefined && r.relationType === 'essential') count[k] = count[k]! + 1;
  }
  let max = 0;
  for (const c of count) if (c > max) max = c;
  const essential = count.map((c) => (max > 0 ? Math.log1p(c) / Math.log1p(max) : 0));
  const near = skills.map(() => new Set<number>());
  const pair = (a: string, b: string) => {
    const i = at.get(a);
    const j = at.get(b);
    if (i === undefined || j === undefined || i === j) return;
    near[i]!.add(j);
    near[j]!.add(i);
  };
  for (const e of links.broader ?? []) pair(e.childId, e.parentId);
  for (const r of links.relations ?? []) pair(r.fromId, r.toId);
  return {
    neighbours: near.map((n) => Int32Array.from(n).sort()),
    essential,
    knowledge: Uint8Array.from(skills, (s) => (s.skillType === 'knowledge' ? 1 : 0)),
    transversal: Uint8Array.from(skills, (s) => (s.reuseLevel === 'transversal' ? 1 : 0)),
    occupationSpecific: Uint8Array.from(skills, (s) => (s.reuseLevel === 'occupation-specific' ? 1 : 0)),
    ...(links.occupations && links.occupations.length > 0 ? { senses: occupationSenses(skills, links.occupations, occupationSkills) } : {}),
  };
}

/** Content words of a text for coverage: lower case, stop words out, a plural `s` dropped. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const word = t.lower.length > 3 && t.lower.endsWith('s') && !t.lower.endsWith('ss') ? t.lower.slice(0, -1) : t.lower;
    if (STOP_WORDS.has(t.lower) || STOP_WORDS.has(word)) continue;
    out.push(word);
  }
  return out;
}
