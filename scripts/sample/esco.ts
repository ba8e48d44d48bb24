import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type {
  BroaderEdge,
  Occupation,
  OccupationSkill,
  Skill,
  SkillGroup,
  SkillRelation,
  TaxonomyData,
} from '../../taxonomy/model/types.ts';
import type { Rng } from './rng.ts';
import type { SectorSpec } from './catalogue.ts';

type Row = Record<string, string>;

function readCsv(dir: string, file: string, ragged = false): Row[] {
  return parse(readFileSync(join(dir, file)), { columns: true, relax_column_count: ragged, skip_empty_lines: true }) as Row[];
}

function lines(field: string | undefined): string[] {
  return (field ?? '').split('\n').map((s) => s.replace(/\r$/, '')).filter((s) => s.trim() !== '');
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** How many essential / optional skills each picked occupation contributes. */
export interface PickLimits {
  readonly essential: number;
  readonly optional: number;
}

export interface PickedTaxonomy {
  readonly taxonomy: TaxonomyData;
  /** Occupation id → sector id, for the picked ESCO occupations (not ISCO groups). */
  readonly sectorOf: ReadonlyMap<string, string>;
}

const ISCO = 'http://data.europa.eu/esco/isco/C';

/**
 * Reads ESCO v1.1.1 from `escoDir` and keeps a compact, closed sub-taxonomy: the given occupations, a capped
 * random share of their essential/optional skills, every broader skill and skill group above those skills,
 * the skill–skill relations among them and the ISCO groups above the occupations. No edge leaves the set.
 */
export function pickTaxonomy(escoDir: string, sectors: readonly SectorSpec[], limits: PickLimits, rng: Rng): PickedTaxonomy {
  const skillRows = new Map(readCsv(escoDir, 'skills_en.csv').map((r) => [r.conceptUri as string, r]));
  const occRows = new Map(readCsv(escoDir, 'occupations_en.csv').map((r) => [r.conceptUri as string, r]));
  const iscoRows = new Map(readCsv(escoDir, 'ISCOGroups_en.csv').map((r) => [r.code as string, r]));
  const groupRows = new Map(readCsv(escoDir, 'skillGroups_en.csv').map((r) => [r.conceptUri as string, r]));
  const hierarchy = readCsv(escoDir, 'skillsHierarchy_en.csv', true);
  const broaderRows = readCsv(escoDir, 'broaderRelationsSkillPillar.csv');
  const skillRelRows = readCsv(escoDir, 'skillSkillRelations.csv');
  const occSkillRows = readCsv(escoDir, 'occupationSkillRelations.csv');

  // 1. Occupations and a capped, seeded share of their skills.
  const sectorOf = new Map<string, string>();
  for (const s of sectors) for (const o of s.occupations) sectorOf.set(o, s.id);
  const relsByOcc = new Map<string, { essential: string[]; optional: string[] }>();
  for (const r of occSkillRows) {
    if (!sectorOf.has(r.occupationUri as string) || !skillRows.has(r.skillUri as string)) continue;
    let entry = relsByOcc.get(r.occupationUri as string);
    if (!entry) relsByOcc.set(r.occupationUri as string, (entry = { essential: [], optional: [] }));
    (r.relationType === 'essential' ? entry.essential : entry.optional).push(r.skillUri as string);
  }
  const occupationSkills: OccupationSkill[] = [];
  const skillIds = new Set<string>();
  for (const s of sectors) {
    for (const occId of s.occupations) {
      if (!occRows.has(occId)) throw new Error(`ESCO occupation not found: ${occId}`);
      const rels = relsByOcc.get(occId) ?? { essential: [], optional: [] };
      for (const kind of ['essential', 'optional'] as const) {
        const chosen = rng.sample([...rels[kind]].sort(byString), limits[kind]).sort(byString);
        for (const skillId of chosen) {
          occupationSkills.push({ occupationId: occId, skillId, relationType: kind, importance: null, level: null });
          skillIds.add(skillId);
        }
      }
    }
  }

  // 2. Broader closure: skill parents (skills) and groups up to the pillars.
  const parentsOf = new Map<string, string[]>();
  for (const r of broaderRows) {
    const list = parentsOf.get(r.conceptUri as string);
    if (list) list.push(r.broaderUri as string);
    else parentsOf.set(r.conceptUri as string, [r.broaderUri as string]);
  }
  const groupIds = new Set<string>();
  const queue = [...skillIds];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const parent of parentsOf.get(id) ?? []) {
      if (skillRows.has(parent)) {
        if (!skillIds.has(parent)) {
          skillIds.add(parent);
          queue.push(parent);
        }
      } else if (!groupIds.has(parent)) {
        groupIds.add(parent);
        queue.push(parent);
      }
    }
  }
  const known = (id: string): boolean => skillIds.has(id) || groupIds.has(id);
  const broader: BroaderEdge[] = [];
  for (const r of broaderRows) {
    if (known(r.conceptUri as string) && known(r.broaderUri as string)) broader.push({ childId: r.conceptUri as string, parentId: r.broaderUri as string });
  }

  // 3. Skills, groups (the hierarchy file fills groups missing from skillGroups_en.csv).
  const skills: Skill[] = [...skillIds].sort(byString).map((id) => {
    const r = skillRows.get(id) as Row;
    return {
      id,
      source: 'esco',
      preferredLabel: r.preferredLabel ?? '',
      altLabels: lines(r.altLabels),
      hiddenLabels: lines(r.hiddenLabels),
      description: r.description ?? '',
      skillType: r.skillType ?? '',
      reuseLevel: r.reuseLevel ?? '',
    };
  });
  const fromHierarchy = new Map<string, { label: string; code: string; description: string }>();
  for (const h of hierarchy) {
    for (const level of [0, 1, 2, 3]) {
      const uri = h[`Level ${level} URI`];
      if (uri && !fromHierarchy.has(uri)) {
        const deeper = h[`Level ${level + 1} URI`];
        fromHierarchy.set(uri, { label: h[`Level ${level} preferred term`] ?? '', code: h[`Level ${level} code`] ?? '', description: deeper ? '' : (h.Description ?? '') });
      }
    }
  }
  const groups: SkillGroup[] = [...groupIds].sort(byString).map((id) => {
    const r = groupRows.get(id);
    const h = fromHierarchy.get(id);
    if (!r && !h) throw new Error(`ESCO skill group not found: ${id}`);
    const isced = id.includes('/isced-f/') ? (id.split('/').pop() ?? '') : '';
    return {
      id,
      source: 'esco',
      code: r?.code || h?.code || isced,
      preferredLabel: r?.preferredLabel ?? h?.label ?? '',
      description: r?.description ?? h?.description ?? '',
    };
  });

  // 4. Skill–skill relations inside the set.
  const skillRelations: SkillRelation[] = [];
  for (const r of skillRelRows) {
    if (skillIds.has(r.originalSkillUri as string) && skillIds.has(r.relatedSkillUri as string)) {
      skillRelations.push({ fromId: r.originalSkillUri as string, toId: r.relatedSkillUri as string, relationType: r.relationType === 'essential' ? 'essential' : 'optional' });
    }
  }

  // 5. Occupations plus the ISCO-08 groups above them (intermediate ESCO occupations are skipped).
  const occupations: Occupation[] = [];
  const iscoCodes = new Set<string>();
  for (const s of sectors) {
    for (const occId of s.occupations) {
      const r = occRows.get(occId) as Row;
      const isco = r.iscoGroup ?? '';
      for (let n = 1; n <= isco.length; n++) iscoCodes.add(isco.slice(0, n));
      occupations.push({
        id: occId,
        source: 'esco',
        code: r.code ?? '',
        iscoGroup: isco,
        preferredLabel: r.preferredLabel ?? '',
        altLabels: lines(r.altLabels),
        description: r.description ?? '',
        parentIds: isco ? [`${ISCO}${isco}`] : [],
      });
    }
  }
  for (const code of [...iscoCodes].sort(byString)) {
    const r = iscoRows.get(code);
    if (!r) throw new Error(`ISCO group not found: ${code}`);
    occupations.push({
      id: r.conceptUri as string,
      source: 'esco',
      code,
      iscoGroup: '',
      preferredLabel: r.preferredLabel ?? '',
      altLabels: lines(r.altLabels),
      description: r.description ?? '',
      parentIds: code.length > 1 ? [`${ISCO}${code.slice(0, -1)}`] : [],
    });
  }

  return {
    taxonomy: { skills, groups, broader, skillRelations, occupations, occupationSkills, crosswalk: [] },
    sectorOf,
  };
}
