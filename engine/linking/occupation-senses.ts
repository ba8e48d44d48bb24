import type { Occupation, OccupationSkill, Skill } from '../../taxonomy/model/types.ts';
import { normaliseLabel } from '../../taxonomy/model/normalise.ts';

/**
 * Job titles read as occupations (issue 18, "Fitter and Turner" → "Assembly (computer programming)"). A posting's
 * stated occupation (JSON-LD `occupationalCategory`, passed to the linker as `occupations`), else its
 * first line when it IS an occupation's label (preferred or alternative, normalised; a seniority word or a gender
 * marker such as "(m/w/d)" aside) names that occupation, and the posting's skills are read in its sense: a link
 * that rests on one word equal to a label of the skill (the ambiguous case: "assembly", "Chef", "Security") is
 * down-weighted (unless the word is the skill's own name, `namesItself`)
 * (`SENSE_FACTOR`) when the skill belongs to other sectors — the occupation does not hold it, at least
 * `SENSE_MIN_HOLDERS` occupations do, and under `SENSE_SHARE` of them are in the occupation's sector (ISCO major
 * group; SOC major group for O*NET). "Assembly (computer programming)" is held by 46 ESCO occupations, 2 of them in
 * ISCO group 7: in a fitter-and-turner posting, "assembly" is not the programming language.
 */
export interface OccupationSenses {
  /** Normalised occupation label → occupation slot. */
  readonly byLabel: ReadonlyMap<string, number>;
  /** Occupation id → slot (a text's stated occupation). */
  readonly slotOf: ReadonlyMap<string, number>;
  /** Per occupation slot: its id, its sector (index into `sectors`) and the skills it holds (essential or optional; skill indices, ascending). */
  readonly ids: readonly string[];
  readonly sector: Int32Array;
  readonly skills: readonly Int32Array[];
  /** The sector keys ("isco:7", "code:11"). */
  readonly sectors: readonly string[];
  /** How many occupations of each sector hold each skill: [skill × sectors.length]; and in all. */
  readonly holders: Uint16Array;
  readonly holdersTotal: Uint16Array;
}

/** A link elsewhere in a posting whose skill conflicts with the title's occupation keeps this share of its confidence. */
export const SENSE_FACTOR = 0.25;
/** A skill held by fewer occupations gives no evidence of its sector (one is enough: "Chef (tools for software configuration management)" is held by one ICT occupation). */
export const SENSE_MIN_HOLDERS = 1;
/** A skill conflicts when under this share of its holders are in the occupation's sector. */
export const SENSE_SHARE = 0.1;

/** ISCO major group (first digit of the ESCO code / ISCO group), else the code before its first '-' or '.' (O*NET-SOC major group). */
function sectorOf(o: Occupation): string {
  const isco = o.iscoGroup.trim() || (o.source === 'esco' ? o.code.trim() : '');
  if (/^\d/.test(isco)) return `isco:${isco[0]}`;
  return `code:${o.code.trim().split(/[-.]/)[0] ?? ''}`;
}

/** The senses of `occupations` over the linker's skill list (`skills`: the index's skills, in order). */
export function occupationSenses(skills: readonly Skill[], occupations: readonly Occupation[], occupationSkills: readonly OccupationSkill[]): OccupationSenses {
  const skillAt = new Map(skills.map((s, i) => [s.id, i]));
  const occAt = new Map(occupations.map((o, i) => [o.id, i]));
  // A preferred label names its occupation; an alternative label only when no preferred label is the same and
  // no other occupation has it too ("fitter and turner" is an occupation and an alternative label of "tyre fitter").
  const byLabel = new Map<string, number>();
  occupations.forEach((o, i) => {
    const key = normaliseLabel(o.preferredLabel);
    if (key !== '' && !byLabel.has(key)) byLabel.set(key, i);
  });
  const preferred = new Set(byLabel.keys());
  const ambiguous = new Set<string>();
  occupations.forEach((o, i) => {
    for (const l of o.altLabels) {
      const key = normaliseLabel(l);
      if (key === '' || preferred.has(key)) continue;
      if (byLabel.has(key) && byLabel.get(key) !== i) ambiguous.add(key);
      else byLabel.set(key, i);
    }
  });
  for (const key of ambiguous) byLabel.delete(key);
  const sectors: string[] = [];
  const sectorAt = new Map<string, number>();
  const sector = Int32Array.from(occupations, (o) => {
    const key = sectorOf(o);
    let i = sectorAt.get(key);
    if (i === undefined) sectorAt.set(key, (i = sectors.push(key) - 1));
    return i;
  });
  const held: number[][] = occupations.map(() => []);
  for (const r of occupationSkills) {
    const o = occAt.get(r.occupationId);
    const k = skillAt.get(r.skillId);
    if (o !== undefined && k !== undefined) held[o]!.push(k);
  }
  const holders = new Uint16Array(skills.length * sectors.length);
  const holdersTotal = new Uint16Array(skills.length);
  const owned = held.map((list, o) => {
    const ks = Int32Array.from(list).sort();
    let n = 0;
    for (let i = 0; i < ks.length; i++) {
      if (i > 0 && ks[i] === ks[i - 1]) continue;
      ks[n++] = ks[i]!;
      holders[ks[i]! * sectors.length + sector[o]!]!++;
      holdersTotal[ks[i]!]!++;
    }
    return ks.slice(0, n);
  });
  return { byLabel, slotOf: occAt, ids: occupations.map((o) => o.id), sector, skills: owned, sectors, holders, holdersTotal };
}

/** Words that qualify a job title without changing the occupation ("Senior", "Junior"). */
const QUALIFIERS = /^(?:senior|junior|sr|jr|graduate|trainee|entry level|experienced|qualified|certified|licensed|skilled)\s+/;

/** The occupation slot a title line names exactly (normalised label; gender markers and one seniority word aside), else null. */
export function titleOccupation(senses: OccupationSenses, line: string): number | null {
  // Gender and form markers: "(m/w/d)", "(m/f)", "(h/f)", "(all genders)".
  const cleaned = line.replace(/\((?:[a-z]{1,2}\s*\/\s*)+[a-z]{1,2}\)|\(all genders?\)/gi, ' ');
  if (cleaned.split(/\s+/).filter(Boolean).length > 8) return null;
  const key = normaliseLabel(cleaned);
  return senses.byLabel.get(key) ?? senses.byLabel.get(key.replace(QUALIFIERS, '')) ?? null;
}

/** Whether occupation `o` holds skill index `k`. */
export function holds(senses: OccupationSenses, o: number, k: number): boolean {
  const ks = senses.skills[o]!;
  let lo = 0;
  let hi = ks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ks[mid] === k) return true;
    if (ks[mid]! < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Whether one word of a text names `skill` by its own name rather than by one of its other labels: the word is its
 * preferred label, or — for a skill/competence, an activity — a word of its preferred label or that word's gerund
 * ("clean" in "conduct cleaning tasks"). Such a link is not another sense of the word, whatever sectors hold the skill;
 * the senses the rule is for come through alternative and hidden labels ("Security" of "securities", "equipment" of
 * "compile airport certification manuals") and through ESCO's parenthesised homonyms ("Assembly (computer programming)").
 */
export function namesItself(word: string, skill: Pick<Skill, 'preferredLabel' | 'skillType'>): boolean {
  const w = normaliseLabel(word);
  const label = normaliseLabel(skill.preferredLabel);
  if (w === '' || w === label) return true;
  if (skill.skillType !== 'skill/competence') return false;
  const words = label.split(' ');
  const gerunds = [`${w}ing`, w.endsWith('e') ? `${w.slice(0, -1)}ing` : '', `${w}${w.at(-1)}ing`].filter(Boolean);
  return words.includes(w) || gerunds.some((g) => words.includes(g));
}

/** Skill `k` belongs to other sectors than occupation `o`'s: `o` does not hold it, enough occupations do, and few of them are in `o`'s sector. */
export function senseConflict(senses: OccupationSenses, o: number, k: number): boolean {
  const total = senses.holdersTotal[k]!;
  const same = senses.holders[k * senses.sectors.length + senses.sector[o]!]!;
  return total >= SENSE_MIN_HOLDERS && same < SENSE_SHARE * total && !holds(senses, o, k);
}
