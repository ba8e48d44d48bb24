import type Database from 'better-sqlite3';
import type { StoreStats } from '../../model/types.ts';

const COUNTS: Record<keyof StoreStats, string> = {
  skills: 'SELECT COUNT(*) FROM skills',
  skillGroups: 'SELECT COUNT(*) FROM skill_groups',
  broaderRelations: 'SELECT COUNT(*) FROM broader',
  skillRelations: 'SELECT COUNT(*) FROM skill_relations',
  occupations: 'SELECT COUNT(*) FROM occupations',
  occupationSkills: 'SELECT COUNT(*) FROM occupation_skills',
  occupationSkillsEssential: "SELECT COUNT(*) FROM occupation_skills WHERE relation_type = 'essential'",
  occupationSkillsOptional: "SELECT COUNT(*) FROM occupation_skills WHERE relation_type = 'optional'",
  crosswalk: 'SELECT COUNT(*) FROM crosswalk',
  skillMappings: 'SELECT COUNT(*) FROM skill_mappings',
  credentials: 'SELECT COUNT(*) FROM credentials',
  candidates: 'SELECT COUNT(*) FROM candidates',
  awards: 'SELECT COUNT(*) FROM awards',
  postings: 'SELECT COUNT(*) FROM postings',
  roles: 'SELECT COUNT(*) FROM roles',
  embeddings: 'SELECT COUNT(*) FROM embeddings',
};

/** Builds `stats` for one connection: one COUNT per table, read in one snapshot. */
export function statsReader(db: Database.Database): () => StoreStats {
  const stmts = Object.entries(COUNTS).map(([key, sql]) => [key, db.prepare(sql).pluck()] as const);
  return db.transaction(() => Object.fromEntries(stmts.map(([key, s]) => [key, s.get() as number])) as unknown as StoreStats);
}
