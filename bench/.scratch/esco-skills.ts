import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Skill } from '../../taxonomy/model/types.ts';
export function readSkills(): Skill[] {
  const rows = parse(readFileSync('/work/shared/datasets/esco-v1.1.1/skills_en.csv', 'utf8'), { columns: true, relax_quotes: false }) as Record<string, string>[];
  return rows.map((r) => ({
    id: r.conceptUri!, source: 'esco', preferredLabel: r.preferredLabel!, altLabels: (r.altLabels ?? '').split('\n').filter(Boolean),
    hiddenLabels: (r.hiddenLabels ?? '').split('\n').filter(Boolean), description: r.description ?? '', skillType: r.skillType ?? '', reuseLevel: r.reuseLevel ?? '',
  }));
}
