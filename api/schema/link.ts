import { z } from 'zod';
import { linkText } from '../../app/link-text.ts';
import { builder } from '../builder.ts';
import { textComplexity } from '../input-limits.ts';
import { limits } from '../limits.ts';
import { readErrors } from './errors.ts';
import { SkillLinkRef } from './records.ts';

builder.queryFields((t) => ({
  linkText: t.field({
    type: [SkillLinkRef],
    errors: readErrors,
    description: 'Skills found in a text (a CV, a posting, a course description), each with its sentence span, matched phrase and score parts. Costs complexity by length (10 + 1 per 2 characters).',
    complexity: textComplexity(10, limits.linkTextCharsPerUnit),
    args: { text: t.arg.string({ required: true, validate: z.string().trim().min(1, 'text is empty').max(20_000, 'text is longer than 20,000 characters') }) },
    resolve: async (_r, { text }, { workspace, principal }) => [...(await linkText(workspace, principal, text))],
  }),
}));
