import { builder } from '../builder.ts';
import { taxonomyVersions, type TaxonomyVersion } from '../../app/taxonomy-versions.ts';

const TaxonomyVersionRef = builder.objectRef<TaxonomyVersion>('TaxonomyVersion').implement({
  description: 'An imported taxonomy release (ESCO v1.1.1, O*NET 29.2, the crosswalk) as recorded at import.',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'esco | onet | crosswalk | sample' }),
    version: t.exposeString('version', { description: 'e.g. v1.1.1 or 29.2; empty when the import could not tell' }),
    importedAt: t.exposeString('importedAt'),
  }),
});

builder.queryFields((t) => ({
  taxonomyVersions: t.field({
    type: [TaxonomyVersionRef],
    description: 'The taxonomies the store holds and their releases as recorded at import (what `skillgraph stats` shows).',
    resolve: (_r, _a, { workspace }) => taxonomyVersions(workspace),
  }),
}));
