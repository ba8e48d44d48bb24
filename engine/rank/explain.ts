import type { FitResult } from '../fit/types.ts';

/**
 * One line saying how a ranking score comes from the fit (ranking sorts by score; fit is the weighted
 * coverage): `score 0.412 = fit 0.450 − 0.050 missing essentials + 0.012 verified evidence`. Each
 * signal's contribution is shown with its sign; a signal that contributes 0 is left out.
 */
export function explainScore(fit: FitResult): string {
  const names: Record<string, string> = { coverage: 'fit', essentialPenalty: 'missing essentials', verifiedShare: 'verified evidence' };
  const parts: string[] = [];
  for (const [name, s] of Object.entries(fit.signals).sort(([a], [b]) => (a === 'coverage' ? -1 : b === 'coverage' ? 1 : a < b ? -1 : 1))) {
    if (name === 'coverage') {
      parts.push(`fit ${fit.fit.toFixed(3)}${s.weight !== 1 ? ` × ${s.weight}` : ''}`);
      continue;
    }
    if (Math.abs(s.contribution) < 5e-4) continue;
    parts.push(`${s.contribution < 0 ? '−' : '+'} ${Math.abs(s.contribution).toFixed(3)} ${names[name] ?? name}`);
  }
  return `score ${fit.score.toFixed(3)} = ${parts.join(' ')}`;
}
