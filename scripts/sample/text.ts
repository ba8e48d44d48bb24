import type { Skill } from '../../taxonomy/model/types.ts';
import type { Rng } from './rng.ts';

const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Collapses the padding some ESCO labels carry (`handle knives `, U+00A0) for use in running text. */
export function clean(label: string): string {
  return label.replace(/\s+/g, ' ').trim();
}

export function capFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function titleCase(s: string): string {
  return clean(s)
    .split(' ')
    .map((w, i) => (i > 0 && SMALL.has(w) ? w : w === w.toLowerCase() ? capFirst(w) : w))
    .join(' ');
}

/**
 * The label a writer would use: the preferred label most of the time, otherwise a short alternative label.
 * Skills (not knowledge) go after "to …"/"I …", so gerund alternatives (`identifying errors`) are skipped.
 */
export function spokenLabel(rng: Rng, skill: Skill): string {
  const preferred = clean(skill.preferredLabel);
  const verbal = skill.skillType !== 'knowledge';
  const alts = skill.altLabels
    .map(clean)
    .filter((a) => a !== preferred && a.split(' ').length <= 6 && !/[;/]/.test(a) && !(verbal && /^\S+ing\b/.test(a)));
  return alts.length > 0 && rng.chance(0.4) ? rng.pick(alts) : preferred;
}

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** ISO date `days` after `iso` (UTC, no clock). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `a` or `an` before a word (by its first letter; good enough for job titles). */
export function article(word: string): string {
  return /^[aeiou]/i.test(word.trim()) ? 'an' : 'a';
}
