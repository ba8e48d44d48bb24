import type { ManagedTransaction } from 'neo4j-driver';
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
import { toNumberOrNull } from './values.ts';

/** Every query returns plain values (strings, lists, numbers), never Node or Relationship objects. */
const CYPHER = {
  skills: `MATCH (n:Skill) RETURN n.id AS id, n.source AS source, n.preferredLabel AS preferredLabel, n.altLabels AS altLabels,
    n.hiddenLabels AS hiddenLabels, n.description AS description, n.skillType AS skillType, n.reuseLevel AS reuseLevel ORDER BY n.ord`,
  groups: `MATCH (n:SkillGroup) RETURN n.id AS id, n.source AS source, n.code AS code, n.preferredLabel AS preferredLabel,
    n.description AS description ORDER BY n.ord`,
  broader: 'MATCH (c)-[e:BROADER]->(p) RETURN c.id AS childId, p.id AS parentId ORDER BY e.ord',
  skillRelations: 'MATCH (a)-[e:SKILL_RELATION]->(b) RETURN a.id AS fromId, b.id AS toId, e.relationType AS relationType ORDER BY e.ord',
  occupations: `MATCH (n:Occupation) RETURN n.id AS id, n.source AS source, n.code AS code, n.iscoGroup AS iscoGroup,
    n.preferredLabel AS preferredLabel, n.altLabels AS altLabels, n.description AS description, n.parentIds AS parentIds ORDER BY n.ord`,
  occupationSkills: `MATCH (o)-[e:REQUIRES]->(s) RETURN o.id AS occupationId, s.id AS skillId, e.relationType AS relationType,
    e.importance AS importance, e.level AS level ORDER BY e.ord`,
  crosswalk: `MATCH (n:Crosswalk) RETURN n.escoOccupationId AS escoOccupationId, n.onetCode AS onetCode, n.confidence AS confidence,
    n.mapped AS mapped ORDER BY n.ord`,
  skillMappings: `MATCH (n:SkillMapping) RETURN n.fromSkillId AS fromSkillId, n.toSkillId AS toSkillId, n.confidence AS confidence,
    n.method AS method ORDER BY n.ord`,
} as const;

async function rows(tx: ManagedTransaction, cypher: string): Promise<Record<string, unknown>[]> {
  return (await tx.run(cypher)).records.map((r) => r.toObject() as Record<string, unknown>);
}

/** The body of `loadTaxonomy` (one read transaction): every part in insertion order. */
export async function readTaxonomy(tx: ManagedTransaction): Promise<TaxonomyData> {
  const skills = (await rows(tx, CYPHER.skills)).map(
    (r): Skill => ({
      id: r.id as string,
      source: r.source as Skill['source'],
      preferredLabel: r.preferredLabel as string,
      altLabels: (r.altLabels as string[] | null) ?? [],
      hiddenLabels: (r.hiddenLabels as string[] | null) ?? [],
      description: r.description as string,
      skillType: r.skillType as string,
      reuseLevel: r.reuseLevel as string,
    }),
  );
  const groups = (await rows(tx, CYPHER.groups)).map(
    (r): SkillGroup => ({
      id: r.id as string,
      source: r.source as SkillGroup['source'],
      code: r.code as string,
      preferredLabel: r.preferredLabel as string,
      description: r.description as string,
    }),
  );
  const broader = (await rows(tx, CYPHER.broader)).map((r): BroaderEdge => ({ childId: r.childId as string, parentId: r.parentId as string }));
  const skillRelations = (await rows(tx, CYPHER.skillRelations)).map(
    (r): SkillRelation => ({ fromId: r.fromId as string, toId: r.toId as string, relationType: r.relationType as SkillRelation['relationType'] }),
  );
  const occupations = (await rows(tx, CYPHER.occupations)).map(
    (r): Occupation => ({
      id: r.id as string,
      source: r.source as Occupation['source'],
      code: r.code as string,
      iscoGroup: r.iscoGroup as string,
      preferredLabel: r.preferredLabel as string,
      altLabels: (r.altLabels as string[] | null) ?? [],
      description: r.description as string,
      parentIds: (r.parentIds as string[] | null) ?? [],
    }),
  );
  const occupationSkills = (await rows(tx, CYPHER.occupationSkills)).map(
    (r): OccupationSkill => ({
      occupationId: r.occupationId as string,
      skillId: r.skillId as string,
      relationType: r.relationType as OccupationSkill['relationType'],
      importance: toNumberOrNull(r.importance),
      level: toNumberOrNull(r.level),
    }),
  );
  const crosswalk = (await rows(tx, CYPHER.crosswalk)).map(
    (r): CrosswalkEntry => ({
      escoOccupationId: r.escoOccupationId as string,
      onetCode: r.onetCode as string,
      confidence: toNumberOrNull(r.confidence) ?? 0,
      mapped: r.mapped === true,
    }),
  );
  const skillMappings = (await rows(tx, CYPHER.skillMappings)).map(
    (r): SkillMapping => ({
      fromSkillId: r.fromSkillId as string,
      toSkillId: r.toSkillId as string,
      confidence: toNumberOrNull(r.confidence) ?? 0,
      method: r.method as SkillMapping['method'],
    }),
  );
  return { skills, groups, broader, skillRelations, occupations, occupationSkills, crosswalk, skillMappings };
}
