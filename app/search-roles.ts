/**
 * Use-cases behind the dashboard's pickers and its demand heatmap on any store (issue 15): type-ahead
 * over what can be ranked against (stored roles, job postings, ESCO / O*NET occupations) and over the
 * candidates the caller may see, and demand grouped from the job postings the caller may see.
 */
import { postingProfiles, type PostingProfile } from '../engine/analytics/posting-profiles.ts';
import { createRoleSearch, type RoleHit, type RoleHitKind, type RoleSearch, type Searchable } from '../engine/requirements/search-roles.ts';
import type { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Candidate } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { visibleCandidates } from './candidates.ts';
import { jobPostings } from './postings.ts';
import type { Principal } from './principal.ts';
import { visibleRoles } from './roles.ts';
import type { Workspace } from './workspace.ts';

/** The occupation index, built once per taxonomy graph (occupations change only with a taxonomy import). */
const indexes = new WeakMap<SkillGraph, RoleSearch>();
const indexOf = (graph: SkillGraph): RoleSearch => {
  let s = indexes.get(graph);
  if (!s) indexes.set(graph, (s = createRoleSearch(graph.occupations())));
  return s;
};

/** Stored roles and postings the caller may see, as searchable entries. */
function visibleRecords(ws: Workspace, p: Principal): Searchable[] {
  const roles = visibleRoles(ws, p).map((r): Searchable => ({ id: r.id, title: r.title, kind: 'role', source: r.organisationId, code: '', altLabels: [] }));
  const postings = jobPostings(ws, p).map((x): Searchable => ({ id: x.id, title: x.title, kind: 'posting', source: x.organisationId, code: '', altLabels: [] }));
  return [...roles, ...postings];
}

/** Type-ahead over stored roles, postings (those the caller may see) and occupations, best first; none without a key. */
export function searchRoles(ws: Workspace, principal: Principal | null, text: string, first: number, kinds?: readonly RoleHitKind[]): RoleHit[] {
  if (!principal) return [];
  return indexOf(ws.graph).search(text, first, visibleRecords(ws, principal), kinds ? new Set(kinds) : undefined);
}

/** Type-ahead over the candidates the caller may see (name or id), best first; none for a planner or without a key. */
export function searchCandidates(ws: Workspace, principal: Principal | null, text: string, first: number): Candidate[] {
  if (!principal || principal.role === 'planner') return [];
  const q = text.trim().toLowerCase();
  const all = visibleCandidates(ws, principal);
  if (q === '') return all.slice(0, first);
  const scored = all
    .map((c) => {
      const name = c.name.toLowerCase();
      const s = name === q || c.id.toLowerCase() === q ? 3 : name.startsWith(q) ? 2 : name.split(/\s+/).some((w) => w.startsWith(q)) || c.id.toLowerCase().includes(q) ? 1 : 0;
      return { c, s };
    })
    .filter((x) => x.s > 0);
  scored.sort((a, b) => b.s - a.s || a.c.name.localeCompare(b.c.name) || (a.c.id < b.c.id ? -1 : 1));
  return scored.slice(0, first).map((x) => x.c);
}

export interface PostingDemand {
  /** First and last posting dates (YYYY-MM-DD), null without dated postings. */
  readonly from: string | null;
  readonly to: string | null;
  readonly count: number;
  readonly profiles: readonly PostingProfile[];
}

/** Demand from the job postings the caller may see, grouped by occupation (else title), and their date range (any key). */
export function postingDemand(ws: Workspace, principal: Principal | null, first: number): PostingDemand {
  const p = requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'reading posting demand');
  const postings = jobPostings(ws, p);
  return ws.cached(['postingDemand', p.role === 'employer' ? p.organisationId : null, first], () => {
    const dates = postings.map((x) => x.datePosted).filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d)).sort();
    return {
      from: dates[0]?.slice(0, 10) ?? null,
      to: dates.at(-1)?.slice(0, 10) ?? null,
      count: postings.length,
      profiles: postingProfiles(postings, (id) => ws.graph.occupation(id)?.preferredLabel ?? null, { top: first }),
    };
  });
}
