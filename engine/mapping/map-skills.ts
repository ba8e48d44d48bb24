import type { Skill, SkillMapping, SkillMappingMethod } from '../../taxonomy/model/types.ts';
import { buildLexicalIndex } from '../linking/lexical-index.ts';
import { buildSkillIndex, type RowScorerFactory } from '../linking/skill-index.ts';
import type { Embedder } from '../ports/embedder.ts';
import { callable, integerIn, numberIn } from '../../taxonomy/model/option-check.ts';
import { checkMappingOption as check, mappingError } from './errors.ts';

/** Options of `mapSkills`; every field optional, checked once. */
export interface SkillMapOptions {
  /** Most targets kept per source skill; default 3. */
  readonly topK?: number;
  /** Targets whose fused score is below this are not kept; default 0.6. */
  readonly minConfidence?: number;
  /** Targets more than this below the source's best are not kept; default 0.08. */
  readonly margin?: number;
  /** Weight of the embedding score in the fusion (the rest is lexical); default 0.7. */
  readonly embeddingWeight?: number;
  /** Progress while embedding the target labels (done, total texts). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SkillMapDeps {
  /** The embedding model (wrap it in a cached embedder: targets are embedded once per model). */
  readonly embedder: Embedder;
  /** Row scorer for the target index (default: the JS scorer). */
  readonly scorer?: RowScorerFactory;
}

/** One source skill's best targets with their signals (for review and tests). */
export interface ScoredMapping extends SkillMapping {
  readonly lexical: number;
  readonly embedding: number;
}

export const DEFAULT_SKILL_MAP_OPTIONS: Required<Omit<SkillMapOptions, 'onProgress'>> = Object.freeze({ topK: 3, minConfidence: 0.6, margin: 0.08, embeddingWeight: 0.7 });

const RULES = { topK: integerIn(1, 50), minConfidence: numberIn(0, 1), margin: numberIn(0, 1), embeddingWeight: numberIn(0, 1) };

function firstSentence(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(t);
  const s = m ? m[1]! : t;
  return s.length > max ? s.slice(0, max) : s;
}

/** Texts that stand for a source skill: its label, label + description, label + examples (O*NET technology skills). */
export function sourceQueries(s: Skill): string[] {
  const label = s.preferredLabel.trim();
  const out = [label];
  if (s.description.trim() !== '') out.push(`${label}. ${firstSentence(s.description)}`);
  if (s.altLabels.length > 0) out.push(`${label}: ${s.altLabels.slice(0, 8).join(', ')}`);
  return out;
}

/**
 * Maps skills of one taxonomy (O*NET skills, knowledge, technology skills) onto skills of another (ESCO)
 * — there is no public O*NET↔ESCO skill crosswalk. For each source skill and target skill:
 * - lexical: 1 for an exact match of normalised labels, else the character n-gram TF-IDF cosine of the
 *   source label against every label of the target (preferred, alternative, hidden);
 * - embedding: the best cosine between the source's texts (`sourceQueries`) and the target's preferred
 *   label and `label. first description sentence` (alternative labels are not embedded: that keeps a
 *   cold run to ~28k short texts for ESCO, and the lexical side already reads them);
 * - fused = embeddingWeight × embedding + (1 − embeddingWeight) × lexical. An exact label match alone
 *   is not trusted: ESCO alternative labels are broad ("coordination" is one of "logistics", "design"
 *   one of "think creatively"), so the meaning must agree too.
 * Keeps up to `topK` targets with fused ≥ `minConfidence` and within `margin` of the source's best; the
 * fused score is the mapping's confidence (a similarity, not a calibrated probability). `method` says
 * which side carried it. Deterministic: ties break on target id.
 */
export async function mapSkills(sources: readonly Skill[], targets: readonly Skill[], deps: SkillMapDeps, opts: SkillMapOptions = {}): Promise<ScoredMapping[]> {
  const { onProgress, ...numeric } = opts;
  const o = check.all(DEFAULT_SKILL_MAP_OPTIONS, numeric, RULES);
  if (onProgress !== undefined) check('onProgress', onProgress, callable);
  if (!deps || !deps.embedder || typeof deps.embedder.embed !== 'function') throw check.invalid('embedder', deps?.embedder, 'an Embedder');
  if (sources.length === 0) return [];
  if (targets.length === 0) throw mappingError('NO_TARGET_SKILLS', { hint: 'import ESCO first' });

  const bare = targets.map((s) => ({ ...s, altLabels: [], hiddenLabels: [] }));
  const index = await buildSkillIndex(bare, deps.embedder, {
    descriptions: true,
    hiddenLabels: false,
    ...(onProgress ? { onProgress } : {}),
    ...(deps.scorer ? { scorer: deps.scorer } : {}),
  });
  try {
    const lexical = buildLexicalIndex(targets);
    const queries = sources.map(sourceQueries);
    const flat = queries.flat();
    const vectors = await deps.embedder.embed(flat);
    const scores = await index.skillScoresBatch(vectors);
    const out: ScoredMapping[] = [];
    const lex = new Float32Array(targets.length);
    const emb = new Float32Array(targets.length);
    let q = 0;
    sources.forEach((source, i) => {
      emb.fill(-1);
      for (let j = 0; j < queries[i]!.length; j++, q++) {
        const s = scores[q]!;
        for (let t = 0; t < targets.length; t++) if (s[t]! > emb[t]!) emb[t] = s[t]!;
      }
      lexical.skillScores(source.preferredLabel, lex);
      const exact = new Set(lexical.exact(source.preferredLabel));
      const fused: { t: number; score: number }[] = [];
      for (let t = 0; t < targets.length; t++) {
        const e = Math.max(0, emb[t]!);
        const score = o.embeddingWeight * e + (1 - o.embeddingWeight) * (exact.has(t) ? 1 : lex[t]!);
        if (score >= o.minConfidence) fused.push({ t, score });
      }
      fused.sort((a, b) => b.score - a.score || (targets[a.t]!.id < targets[b.t]!.id ? -1 : 1));
      const best = fused[0]?.score ?? 0;
      for (const { t, score } of fused.slice(0, o.topK)) {
        if (score < best - o.margin) break;
        const e = Math.max(0, emb[t]!);
        const l = exact.has(t) ? 1 : lex[t]!;
        const method: SkillMappingMethod = l >= 0.6 && e >= 0.6 ? 'both' : l > e ? 'lexical' : 'embedding';
        out.push({ fromSkillId: source.id, toSkillId: targets[t]!.id, confidence: Math.round(score * 1000) / 1000, method, lexical: Math.round(l * 1000) / 1000, embedding: Math.round(e * 1000) / 1000 });
      }
    });
    return out;
  } finally {
    await index.dispose();
  }
}
