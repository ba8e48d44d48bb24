import type { Requirement, Role } from '../../taxonomy/model/types.ts';
import type { SampleContext } from './context.ts';
import type { PostingSpec } from './postings.ts';
import { EMPLOYERS, SECTORS } from './catalogue.ts';
import { titleCase } from './text.ts';

const FROM_POSTINGS = 30;
const FROM_OCCUPATIONS = 10;

function requirements(ctx: SampleContext, essential: readonly string[], optional: readonly string[]): Requirement[] {
  const { rng } = ctx;
  return [
    ...essential.map((skillId) => ({ skillId, weight: rng.pick([1, 1, 0.8]), essential: true })),
    ...optional.filter((id) => !essential.includes(id)).map((skillId) => ({ skillId, weight: rng.pick([0.5, 0.3]), essential: false })),
  ];
}

/**
 * ~40 roles: 30 resolved from postings (their duty/requirement skills essential, nice-to-haves optional;
 * every employer gets some), 10 straight from an occupation's ESCO profile.
 */
export function makeRoles(ctx: SampleContext, postings: readonly PostingSpec[]): Role[] {
  const { rng } = ctx;
  const roles: Role[] = [];
  const used = new Set<PostingSpec>();
  for (let i = 0; roles.length < FROM_POSTINGS && i < FROM_POSTINGS * 4; i++) {
    const employer = EMPLOYERS[i % EMPLOYERS.length] as (typeof EMPLOYERS)[number];
    const mine = postings.filter((p) => p.employer === employer && !used.has(p));
    if (mine.length === 0) continue;
    const p = rng.pick(mine);
    used.add(p);
    roles.push({
      id: `urn:sample:role:${String(roles.length + 1).padStart(3, '0')}`,
      title: p.title,
      organisationId: employer.id,
      postingId: p.id,
      occupationId: p.occupationId,
      requirements: requirements(ctx, p.essential, p.niceToHave),
    });
  }
  for (let i = 0; i < FROM_OCCUPATIONS; i++) {
    const sector = SECTORS[i % SECTORS.length] as (typeof SECTORS)[number];
    const occupationId = rng.pick(sector.occupations);
    const employer = rng.pick(EMPLOYERS.filter((e) => e.sectors.includes(sector.id)));
    const essential = rng.sample(ctx.occupationSkills(occupationId, 'essential'), 8).sort();
    const optional = rng.sample(ctx.occupationSkills(occupationId, 'optional'), 3).sort();
    roles.push({
      id: `urn:sample:role:${String(roles.length + 1).padStart(3, '0')}`,
      title: titleCase(ctx.occupation(occupationId).preferredLabel),
      organisationId: employer.id,
      postingId: null,
      occupationId,
      requirements: requirements(ctx, essential, optional),
    });
  }
  return roles;
}
