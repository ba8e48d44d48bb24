import type { Driver } from 'neo4j-driver';

/** Name of the vector index over skill embeddings (see `vector-search.ts`). */
export const SKILL_VECTOR_INDEX = 'skill_embedding_vector';
/** Name of the full-text index over skill labels. */
export const SKILL_LABEL_INDEX = 'skill_labels';

/**
 * The graph schema. Nodes: Skill and SkillGroup (both also `:Concept`, one id space, like
 * `validateTaxonomy`), Occupation (also `:OccupationRef`; an id that only occupation skills name is an
 * `:OccupationRef:OccupationStub`), Crosswalk, Credential, Candidate, Award, Posting, Role,
 * Embedding (also `:SkillEmbedding` when linked to a skill), Meta. Every id is unique per label.
 */
export function schemaStatements(vectorDimensions: number): string[] {
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
    `CREATE VECTOR INDEX ${SKILL_VECTOR_INDEX} IF NOT EXISTS FOR (e:SkillEmbedding) ON e.vector
       OPTIONS {indexConfig: {\`vector.dimensions\`: ${vectorDimensions}, \`vector.similarity_function\`: 'cosine'}}`,
  ];
}

const EQUIVALENT = 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists';

/** Creates constraints and indexes (idempotent; safe when two stores start at once) and waits for them. */
export async function ensureSchema(driver: Driver, database: string | undefined, vectorDimensions: number): Promise<void> {
  const session = driver.session(database ? { database } : {});
  try {
    for (const statement of schemaStatements(vectorDimensions)) {
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
