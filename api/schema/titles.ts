import { z } from 'zod';
import { normalizeTitle } from '../../app/normalize-title.ts';
import type { TitleMatch } from '../../engine/linking/title-normalizer.ts';
import { builder } from '../builder.ts';
import { titleErrors } from './errors.ts';
import { OccupationRef } from './taxonomy.ts';

const TitleMatchRef = builder.objectRef<TitleMatch>('TitleMatch').implement({
  description: 'An occupation a job title normalises to, with the confidence (softmax share among the 10 best) and the raw cosine similarity.',
  fields: (t) => ({
    occupation: t.field({ type: OccupationRef, nullable: true, resolve: (m, _a, { workspace }) => workspace.graph.occupation(m.occupationId) ?? null }),
    occupationId: t.exposeID('occupationId'),
    label: t.exposeString('label'),
    source: t.exposeString('source', { description: 'esco or onet' }),
    code: t.exposeString('code'),
    confidence: t.exposeFloat('confidence'),
    similarity: t.exposeFloat('similarity'),
  }),
});

builder.queryFields((t) => ({
  normalizeTitle: t.field({
    type: [TitleMatchRef],
    errors: titleErrors,
    description: 'Normalises a free-text job title to the store’s ESCO and O*NET occupations, best first, each with a confidence.',
    args: {
      title: t.arg.string({ required: true, validate: z.string().trim().min(1, 'title is empty').max(300) }),
      first: t.arg.int({ required: false, defaultValue: 5, validate: z.number().int().min(1).max(50) }),
    },
    resolve: async (_r, args, { workspace, principal }) => normalizeTitle(workspace, principal, args.title, args.first ?? 5),
  }),
}));
