/**
 * Demand profiles from job postings, for a store that has postings but no stored roles: postings are
 * grouped by occupation (their `occupationId`; else their normalised title), and each group becomes a
 * requirement profile whose weight on a skill is the share of the group's postings that ask for it
 * (links at or above `minConfidence`). Skills asked by at least half the group are essential.
 * Groups are ordered by size (then label), the `top` largest kept.
 */
import type { JobPosting } from '../../taxonomy/model/types.ts';

export interface PostingProfile {
  readonly id: string;
  readonly title: string;
  readonly postings: number;
  readonly occupationId: string | null;
  readonly requirements: readonly { readonly skillId: string; readonly weight: number; readonly essential: boolean }[];
}

export function postingProfiles(postings: readonly JobPosting[], labelOf: (occupationId: string) => string | null, opts: { top: number; minConfidence?: number }): PostingProfile[] {
  const min = opts.minConfidence ?? 0;
  const groups = new Map<string, { title: string; occupationId: string | null; members: JobPosting[] }>();
  for (const p of postings) {
    const label = p.occupationId ? labelOf(p.occupationId) : null;
    const key = label && p.occupationId ? `occupation:${p.occupationId}` : `title:${p.title.trim().toLowerCase()}`;
    const g = groups.get(key) ?? { title: label?.trim() ?? p.title.trim(), occupationId: label ? p.occupationId : null, members: [] };
    g.members.push(p);
    groups.set(key, g);
  }
  const out: PostingProfile[] = [];
  for (const [key, g] of groups) {
    const count = new Map<string, number>();
    for (const p of g.members) for (const s of new Set(p.skills.filter((l) => l.confidence >= min).map((l) => l.skillId))) count.set(s, (count.get(s) ?? 0) + 1);
    if (count.size === 0) continue;
    const n = g.members.length;
    const requirements = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([skillId, c]) => ({ skillId, weight: c / n, essential: c / n >= 0.5 }));
    out.push({ id: key, title: `${g.title} (${n} posting${n === 1 ? '' : 's'})`, postings: n, occupationId: g.occupationId, requirements });
  }
  out.sort((a, b) => b.postings - a.postings || a.title.localeCompare(b.title));
  return out.slice(0, opts.top);
}
