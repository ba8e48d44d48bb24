import type { RecordsBatch, TaxonomyData } from '../../taxonomy/model/types.ts';
import { formatCount } from './format.ts';

/** How many of each thing an import brought in (what `import` prints). */
export interface ImportCounts {
  readonly skills: number;
  readonly skillGroups: number;
  readonly broaderRelations: number;
  readonly skillRelations: number;
  readonly occupations: number;
  readonly occupationSkills: number;
  readonly occupationSkillsEssential: number;
  readonly occupationSkillsOptional: number;
  readonly crosswalk: number;
  readonly crosswalkMapped: number;
  readonly credentials?: number;
  readonly candidates?: number;
  readonly awards?: number;
  readonly postings?: number;
  readonly roles?: number;
}

export function countImport(data: TaxonomyData, records?: RecordsBatch): ImportCounts {
  const essential = data.occupationSkills.filter((os) => os.relationType === 'essential').length;
  const counts: ImportCounts = {
    skills: data.skills.length,
    skillGroups: data.groups.length,
    broaderRelations: data.broader.length,
    skillRelations: data.skillRelations.length,
    occupations: data.occupations.length,
    occupationSkills: data.occupationSkills.length,
    occupationSkillsEssential: essential,
    occupationSkillsOptional: data.occupationSkills.length - essential,
    crosswalk: data.crosswalk.length,
    crosswalkMapped: data.crosswalk.filter((c) => c.mapped).length,
  };
  if (!records) return counts;
  return {
    ...counts,
    credentials: records.credentials?.length ?? 0,
    candidates: records.candidates?.length ?? 0,
    awards: records.awards?.length ?? 0,
    postings: records.postings?.length ?? 0,
    roles: records.roles?.length ?? 0,
  };
}

/** `13,896 skills, 640 skill groups, …` — zero counts are left out. */
export function describeCounts(c: ImportCounts): string {
  const parts: [number | undefined, string][] = [
    [c.skills, 'skills'],
    [c.skillGroups, 'skill groups'],
    [c.broaderRelations, 'broader relations'],
    [c.skillRelations, 'skill–skill relations'],
    [c.occupations, 'occupations'],
    [c.occupationSkills, `occupation–skill relations (${formatCount(c.occupationSkillsEssential)} essential, ${formatCount(c.occupationSkillsOptional)} optional)`],
    [c.crosswalk, `crosswalk rows (${formatCount(c.crosswalkMapped)} mapped)`],
    [c.credentials, 'credentials'],
    [c.candidates, 'candidates'],
    [c.awards, 'awards'],
    [c.postings, 'job postings'],
    [c.roles, 'roles'],
  ];
  const shown = parts.filter(([n]) => n !== undefined && n > 0).map(([n, what]) => `${formatCount(n as number)} ${what}`);
  return shown.length ? shown.join(', ') : 'nothing';
}
