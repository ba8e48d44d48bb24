import type { Driver } from 'neo4j-driver';
import { toNumberOrNull } from './values.ts';

/** Name of the vector index over skill embeddings (see `vector-search.ts`). */
export const SKILL_VECTOR_INDEX = 'skill_embedding_vector';
/** Name of the full-text index over skill labels. */
export const SKILL_LABEL_INDEX = 'skill_labels';

/**
 * The graph schema. Nodes: Skill and SkillGroup (both also `:Concept`, one id space, like
 * `validateTaxonomy`), Occupation (also `:OccupationRef`; an id that only occupation skills name is an
 * `:OccupationRef:OccupationStub`), Crosswalk, Credential, Candidate, Award, Posting, Role,
 * Embedding (also `:SkillEmbedding` when linked to a skill), Meta. Every id is unique per label.
 * The vector index is not among them: its dimension is the embedding model's (`vectorIndexStatement`).
 */
export function schemaStatements(): string[] {
  const unique = (label: string, prop = 'id'): string =>
    `CREATE CONSTRAINT ${label.toLowerCase()}_${prop}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${prop} IS UNIQUE`;
  return [
    ...['Concept', 'Skill', 'SkillGroup', 'Occupation', 'OccupationRef', 'Credential', 'Candidate', 'Award', 'Posting', 'Role'].map((l) => unique(l)),
    unique('Crosswalk', 'key'),
    unique('SkillMapping', 'key'),
    unique('Embedding', 'key'),
    unique('Meta', 'key'),
    // Eventually consistent: Lucene is updated just after commit instead of inside it (import commit ~2x faster).
    `CREATE FULLTEXT INDEX ${SKILL_LABEL_INDEX} IF NOT EXISTS FOR (s:Skill) ON EACH [s.preferredLabel, s.altLabels, s.hiddenLabels]
       OPTIONS {indexConfig: {\`fulltext.eventually_consistent\`: true}}`,
  ];
}

/** The cosine vector index over skill embeddings of `dimensions` (one index across models). */
export function vectorIndexStatement(dimensions: number): string {
  return `CREATE VECTOR INDEX ${SKILL_VECTOR_INDEX} IF NOT EXISTS FOR (e:SkillEmbedding) ON e.vector
       OPTIONS {indexConfig: {\`vector.dimensions\`: ${dimensions}, \`vector.similarity_function\`: 'cosine'}}`;
}

const EQUIVALENT = 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists';

async function runAll(driver: Driver, database: string | undefined, statements: readonly string[]): Promise<void> {
  const session = driver.session(database ? { database } : {});
  try {
    for (const statement of statements) {
      try {
        await session.run(statement);
      } catch (err) {
        if ((err as { code?: string }).code !== EQUIVALENT) throw err;
      }
    }
    await session.run('CALL db.awaitIndexes(120)');
  } finally {
    await session.close();
  }
}

/** Creates constraints and the full-text index (idempotent; safe when two stores start at once) and waits for them. */
export async function ensureSchema(driver: Driver, database: string | undefined): Promise<void> {
  await runAll(driver, database, schemaStatements());
}

/** The dimension of the database's skill vector index, or null when it has none yet. */
export async function vectorIndexDimensions(driver: Driver, database: string | undefined): Promise<number | null> {
  const session = driver.session(database ? { database } : {});
  try {
    const res = await session.run("SHOW VECTOR INDEXES YIELD name, options WHERE name = $name RETURN options.indexConfig['vector.dimensions'] AS dimensions", { name: SKILL_VECTOR_INDEX });
    return toNumberOrNull(res.records[0]?.get('dimensions'));
  } finally {
    await session.close();
  }
}

/**
 * Creates the skill vector index with `dimensions` unless the database has one, waits for it, and returns the
 * dimension it has (another store may have made it first, with its model's).
 */
export async function ensureVectorIndex(driver: Driver, database: string | undefined, dimensions: number): Promise<number> {
  await runAll(driver, database, [vectorIndexStatement(dimensions)]);
  return (await vectorIndexDimensions(driver, database)) ?? dimensions;
}
