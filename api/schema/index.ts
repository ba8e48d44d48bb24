import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.ts';
import './errors.ts';
import './taxonomy.ts';
import './records.ts';
import './fit.ts';
import './recommend.ts';
import './gaps.ts';
import './link.ts';
import './skill-tree.ts';
import './mutations.ts';
import './verify.ts';
import './taxonomy-versions.ts';
import './candidates-import.ts';
import './role-search.ts';
import './titles.ts';
import './credential-value.ts';

/** The whole schema; `api/schema.graphql` is printed from it by scripts/print-schema.ts. */
export const schema = lexicographicSortSchema(builder.toSchema());
