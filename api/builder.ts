import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { ApiContext } from './context.ts';
import { limits } from './limits.ts';

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
  relay: { clientMutationId: 'omit', cursorType: 'String', nodeQueryOptions: false, nodesQueryOptions: false },
  errors: { defaultTypes: [] },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: limits.maxComplexity, depth: limits.maxDepth, breadth: limits.maxBreadth },
    complexityError: (kind, result) =>
      `query ${kind} ${result[kind as 'depth' | 'breadth' | 'complexity']} exceeds the limit of ${result[`max${kind[0]!.toUpperCase()}${kind.slice(1)}` as 'maxDepth']}`,
  },
});

builder.scalarType('JSON', {
  description: 'A JSON value (a credential or posting document).',
  serialize: (v) => v,
  parseValue: (v) => v,
});

builder.queryType({});
builder.mutationType({});
