import { builder } from '../builder.ts';
import { parseTaxonomyVersions, TAXONOMY_VERSIONS_META, type TaxonomyVersion } from '../../taxonomy/loaders/taxonomy-version.ts';

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
    resolve: async (_r, _a, { services }) => {
      const recorded = parseTaxonomyVersions(await services.store.getMeta(TAXONOMY_VERSIONS_META));
      // every taxonomy the store holds is listed; one imported before versions were recorded has version ''
      const held = new Set<TaxonomyVersion['source']>();
      for (const s of services.graph.skills()) if (s.source === 'esco' || s.source === 'onet' || s.source === 'sample') held.add(s.source);
      if (services.graph.data.crosswalk.length > 0) held.add('crosswalk');
      return [...held].sort().map((source) => recorded[source] ?? { source, version: '', importedAt: '', from: '' });
    },
  }),
}));
