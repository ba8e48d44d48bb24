/**
 * Prints the GraphQL schema to api/schema.graphql (committed). `npm test` fails when it is stale
 * (api/schema.test.ts); run `npm run gen:schema` after changing api/schema/.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaSdl } from '../api/schema/sdl.ts';

const target = fileURLToPath(new URL('../api/schema.graphql', import.meta.url));
writeFileSync(target, schemaSdl());
console.log(`wrote ${target.split('/').slice(-2).join('/')}`);
