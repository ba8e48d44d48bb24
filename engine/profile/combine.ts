/**
 * Strength of a skill from its evidence.
 *
 * 'noisy-or' (default): strength = 1 − Π over sources (1 − best confidence of that source). Independent
 * sources corroborate: two verified badges from different credentials beat one. A source is one
 * credential (earning the same credential twice is not new evidence), or the candidate's own word
 * (all claims and experience sentences together count once, at their best, so repeating a skill in a
 * CV cannot outweigh a verified credential). Each term is a named evidence item, so it stays explainable.
 * 'max': the best single evidence.
 */
import type { Evidence } from './types.ts';

/** The independence group of an evidence item. */
export function evidenceSource(evidence: Evidence): string {
  return evidence.kind === 'award' ? `credential:${evidence.credentialId}` : 'self';
}

export function combineStrength(evidence: readonly Evidence[], mode: 'noisy-or' | 'max'): number {
  if (mode === 'max') return evidence.reduce((best, e) => Math.max(best, e.confidence), 0);
  const best = new Map<string, number>();
  for (const e of evidence) {
    const source = evidenceSource(e);
    best.set(source, Math.max(best.get(source) ?? 0, e.confidence));
  }
  let miss = 1;
  for (const c of best.values()) miss *= 1 - c;
  return Math.min(1, Math.max(0, 1 - miss));
}
