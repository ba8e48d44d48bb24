/**
 * Child process of the "killed import" test and of bench/neo4j-store.ts: loads full ESCO and imports
 * it into the Neo4j at argv[2], printing `progress <phase> <done> <total>` lines, then `imported <ms>`.
 *   npx tsx bench/neo4j-import-child.ts bolt://127.0.0.1:7687
 */
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { validateTaxonomy } from '../taxonomy/stores/validate-taxonomy.ts';
import { createNeo4jStore } from '../taxonomy/stores/neo4j/neo4j-store.ts';

const uri = process.argv[2];
if (!uri) {
  console.error('usage: npx tsx bench/neo4j-import-child.ts <bolt uri>');
  process.exit(2);
}
const data = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
validateTaxonomy(data);
console.log(`loaded ${data.skills.length} skills ${data.occupationSkills.length} occupation skills`);
const store = await createNeo4jStore({ uri });
const t0 = performance.now();
await store.importTaxonomy(data, { onProgress: (phase, done, total) => console.log(`progress ${phase} ${done} ${total} ${Math.round(performance.now() - t0)}`) });
console.log(`imported ${Math.round(performance.now() - t0)}`);
await store.close();
