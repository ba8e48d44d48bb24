/**
 * Stage 2 of linking (issue 18): a cross-encoder reranker reads each requirement segment together with
 * its top K stage-1 candidates' preferred labels. For those K, stage-2 score = fused + weight·logit, and
 * they are reordered by it; the candidates below K keep their order below them (shifted down by one
 * amount, just under the weakest reranked one). Confidence = the stage-2 calibration of that score.
 * Segments that are not requirements (benefits boilerplate, NON_REQUIREMENT) keep their stage-1 scores.
 */
import type { RerankPair } from '../ports/reranker.ts';
import { isBoilerplate, isNonRequirement } from './boilerplate.ts';
import type { RerankSettings } from './options.ts';
import type { SkillIndex } from './skill-index.ts';
import type { SegmentSignals } from './scoring-context.ts';

/** How far below the weakest reranked candidate the best of the rest is put. */
const BELOW = 1e-4;

/** Whether stage 2 reads a segment: requirements only (not boilerplate, not a non-requirement sentence). */
export function reranksSegment(text: string, boilerplate: readonly RegExp[]): boolean {
  return !isNonRequirement(text) && !isBoilerplate(text, boilerplate);
}

/** Indices of the top `k` of `fused`, best first (ties: lower index first, i.e. lower skill index). */
export function topByFused(fused: ArrayLike<number>, k: number): Int32Array {
  const idx = Array.from({ length: fused.length }, (_, i) => i);
  idx.sort((a, b) => fused[b]! - fused[a]! || a - b);
  return Int32Array.from(idx.slice(0, Math.min(k, idx.length)));
}

/**
 * Stage-2 scores of one segment: `top` (indices into `fused`, the reranked candidates) get
 * fused + weight·logit; every other candidate gets fused − shift, the one shift that puts the best of them
 * just under the weakest reranked score (0 when it already is), so their order is kept below. Returns the
 * scores and each candidate's stage-2 part (score − fused).
 */
export function stage2Scores(fused: Float32Array, top: Int32Array, logits: ArrayLike<number>, weight: number): { score: Float32Array; contribution: Float32Array } {
  const contribution = new Float32Array(fused.length);
  const isTop = new Uint8Array(fused.length);
  let floor = Infinity;
  top.forEach((c, j) => {
    isTop[c] = 1;
    contribution[c] = weight * logits[j]!;
    floor = Math.min(floor, fused[c]! + contribution[c]!);
  });
  let bestRest = -Infinity;
  for (let c = 0; c < fused.length; c++) if (!isTop[c] && fused[c]! > bestRest) bestRest = fused[c]!;
  const shift = top.length > 0 && bestRest >= floor - BELOW ? bestRest - floor + BELOW : 0;
  for (let c = 0; c < fused.length; c++) if (!isTop[c] && shift > 0) contribution[c] = -shift;
  const score = Float32Array.from(fused, (f, c) => f + contribution[c]!);
  return { score, contribution };
}

/**
 * Stage 2 over segments' signals: one reranker call (the cached reranker: one cache lookup) for the
 * distinct (segment text, skill) pairs of every requirement segment's top K; other segments unchanged.
 */
export async function rerankSignals(r: RerankSettings, index: SkillIndex, boilerplate: readonly RegExp[], sigs: readonly SegmentSignals[]): Promise<SegmentSignals[]> {
  const tops = sigs.map((s) => (reranksSegment(s.segment.text, boilerplate) && s.skills.length > 0 ? topByFused(s.fused, r.topK) : null));
  const at = new Map<string, number>();
  const pairs: RerankPair[] = [];
  const pos = sigs.map((s, i) => {
    const top = tops[i];
    if (!top) return null;
    return Array.from(top, (c) => {
      const k = s.skills[c]!;
      const key = `${k}\u0000${s.segment.text}`;
      let p = at.get(key);
      if (p === undefined) {
        const skill = index.skills[k]!;
        at.set(key, (p = pairs.push({ text: s.segment.text, skillId: skill.id, label: skill.preferredLabel }) - 1));
      }
      return p;
    });
  });
  if (pairs.length === 0) return [...sigs];
  const logits = await r.reranker.score(pairs);
  return sigs.map((s, i) => {
    const p = pos[i];
    if (!p) return s;
    const { score, contribution } = stage2Scores(s.fused, tops[i]!, p.map((j) => logits[j]!), r.weight);
    return { ...s, fused: score, reranked: { stage1: s.fused, contribution } };
  });
}
