import type Database from 'better-sqlite3';
import type {
  BroaderEdge,
  CrosswalkEntry,
  Occupation,
  OccupationSkill,
  Skill,
  SkillGroup,
  SkillMapping,
  SkillRelation,
  TaxonomyData,
} from '../../model/types.ts';

type Row = unknown[];

/** Builds `loadTaxonomy` for one connection: nodes in insertion order, edges in key order, raw rows mapped by position. */
export function taxonomyReader(db: Database.Database): () => TaxonomyData {
  const all = (sql: string): Row[] => db.prepare(sql).raw().all() as Row[];
  const read = db.transaction((): TaxonomyData => ({
    skills: all('SELECT id, source, preferred_label, alt_labels, hidden_labels, description, skill_type, reuse_level FROM skills ORDER BY rowid').map(
      (r): Skill => ({
        id: r[0] as string,
        source: r[1] as Skill['source'],
        preferredLabel: r[2] as string,
        altLabels: JSON.parse(r[3] as string) as string[],
        hiddenLabels: JSON.parse(r[4] as string) as string[],
        description: r[5] as string,
        skillType: r[6] as string,
        reuseLevel: r[7] as string,
      }),
    ),
    groups: all('SELECT id, source, code, preferred_label, description FROM skill_groups ORDER BY rowid').map(
      (r): SkillGroup => ({ id: r[0] as string, source: r[1] as SkillGroup['source'], code: r[2] as string, preferredLabel: r[3] as string, description: r[4] as string }),
    ),
    broader: all('SELECT child_id, parent_id FROM broader').map((r): BroaderEdge => ({ childId: r[0] as string, parentId: r[1] as string })),
    skillRelations: all('SELECT from_id, to_id, relation_type FROM skill_relations').map(
      (r): SkillRelation => ({ fromId: r[0] as string, toId: r[1] as string, relationType: r[2] as SkillRelation['relationType'] }),
    ),
    occupations: all('SELECT id, source, code, isco_group, preferred_label, alt_labels, description, parent_ids FROM occupations ORDER BY rowid').map(
      (r): Occupation => ({
        id: r[0] as string,
        source: r[1] as Occupation['source'],
        code: r[2] as string,
        iscoGroup: r[3] as string,
        preferredLabel: r[4] as string,
        altLabels: JSON.parse(r[5] as string) as string[],
        description: r[6] as string,
        parentIds: JSON.parse(r[7] as string) as string[],
      }),
    ),
    occupationSkills: all('SELECT occupation_id, skill_id, relation_type, importance, level FROM occupation_skills').map(
      (r): OccupationSkill => ({
        occupationId: r[0] as string,
        skillId: r[1] as string,
        relationType: r[2] as OccupationSkill['relationType'],
        importance: r[3] as number | null,
        level: r[4] as number | null,
      }),
    ),
    crosswalk: all('SELECT esco_occupation_id, onet_code, confidence, mapped FROM crosswalk').map(
      (r): CrosswalkEntry => ({ escoOccupationId: r[0] as string, onetCode: r[1] as string, confidence: r[2] as number, mapped: r[3] === 1 }),
    ),
    skillMappings: all('SELECT from_id, to_id, confidence, method FROM skill_mappings').map(
      (r): SkillMapping => ({ fromSkillId: r[0] as string, toSkillId: r[1] as string, confidence: r[2] as number, method: r[3] as SkillMapping['method'] }),
    ),
  }));
  return () => read();
}
