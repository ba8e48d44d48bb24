import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { clearNeo4jDatabase } from '../../taxonomy/stores/neo4j/dev-server.ts';
import { createNeo4jStore } from '../../taxonomy/stores/neo4j/neo4j-store.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';

/** An empty store for a benchmark run: the running Neo4j at `neo4jUri` cleared first, else a new SQLite file at `file`. */
export async function freshStore(neo4jUri: string | undefined, file: string): Promise<GraphStore> {
  if (!neo4jUri) return createSqliteStore(file);
  await clearNeo4jDatabase({ uri: neo4jUri });
  return createNeo4jStore({ uri: neo4jUri });
}
