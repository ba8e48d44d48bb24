import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { ApiContext } from './context.ts';
import { limits } from './limits.ts';
import { pageSize } from './paging.ts';

/** The one typed schema builder (STYLE.md §11). Schema files in api/schema/ add types to it. */
export const builder = new SchemaBuilder<{
  Context: ApiContext;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    firstArgOptions: { validate: pageSize },
    lastArgOptions: { validate: pageSize },
  },
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: limits.maxComplexity, depth: limits.maxDepth, breadth: limits.maxBreadth },
    complexityError: (kind, result) => {
      const k = String(kind).toLowerCase() as 'depth' | 'breadth' | 'complexity';
      const max = { depth: limits.maxDepth, breadth: limits.maxBreadth, complexity: limits.maxComplexity }[k];
      return new GraphQLError(`query ${k} ${result[k]} exceeds the limit of ${max}`, { extensions: { code: `QUERY_TOO_${k === 'complexity' ? 'COMPLEX' : k.toUpperCase()}` } });
    },
  },
});

builder.scalarType('JSON', {
  description: 'A JSON value (a credential or posting document).',
  serialize: (v) => v,
  parseValue: (v) => v,
});

builder.queryType({});
builder.mutationType({});
