/**
 * The credential value report (issue 20, docs/CREDENTIAL-VALUE.md): what a credential is worth against
 * the demand of the postings in scope, what it costs against comparable ones, how far it can be
 * trusted, and how many hold it — every figure with its data and method (engine/value).
 *
 * Who may ask: any API key (postings are readable by every key; an employer's demand is its own
 * organisation's postings and roles). Holder counts follow the gap analytics' privacy rules
 * (app/gaps.ts): exact for admin (suppressed under k), differentially private for planner and employer
 * keys (charged to the key's budget, suppressed when the noisy count is under k), not released to
 * learner keys, never a person.
 *
 * The whole catalogue's demand coverage is computed once per data version, scope and visibility and
 * kept in the workspace's result cache (cleared by every change).
 */
import { postingProfiles } from '../engine/analytics/posting-profiles.ts';
import type { RoleLike } from '../engine/fit/types.ts';
import { sampleDiscreteGaussian } from '../engine/privacy/discrete-gaussian.ts';
import { uniformStream } from '../engine/privacy/noise-source.ts';
import { sigma2For } from '../engine/privacy/zcdp.ts';
import { DEFAULT_RECOMMEND_OPTIONS } from '../engine/recommend/options.ts';
import { requirementsFromRole } from '../engine/requirements/role-profile.ts';
import { describeFigures } from '../engine/value/figures.ts';
import {
  buildValueContext,
  catalogueValues,
  costReport,
  credibilityReport,
  demandReport,
  holderCounts,
  type CatalogueValue,
  type CredentialValueReport,
  type HoldersReport,
  type ValueContext,
} from '../engine/value/report.ts';
import { buildRoleIndex, rankedFits, typicalHolderFit, type RoleIndex } from '../engine/value/roles-served.ts';
import type { Credential, JobPosting, Role } from '../taxonomy/model/types.ts';
import { canSeeRole, requireRole } from './access.ts';
import { profileDay } from './clock.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors.ts';
import { releaseId, spend } from './gaps.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/** The postings (and roles) whose demand counts; all the caller may see when empty. */
export interface DemandScope {
  /** ISO date, inclusive. */
  readonly from?: string | null;
  /** ISO date, exclusive. */
  readonly to?: string | null;
  /** An occupation or occupation group (ESCO / ISCO / O*NET id): postings of it or of an occupation below it. */
  readonly occupationId?: string | null;
  readonly organisationId?: string | null;
}

/** A scope checked and resolved for the caller (an employer's organisation applied). */
export interface ResolvedScope {
  readonly from: string | null;
  readonly to: string | null;
  readonly occupationId: string | null;
  readonly organisationId: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string | null | undefined, path: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new InvalidInputError(`${path} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`, path);
  }
  return value;
}

/** Checks a scope (dates, occupation, organisation) for the caller; bad input is one InvalidInput / Forbidden error. */
export function resolveScope(ws: Workspace, principal: Principal, scope: DemandScope | null | undefined, path = 'scope'): ResolvedScope {
  const s = scope ?? {};
  const from = checkDate(s.from, `${path}.from`);
  const to = checkDate(s.to, `${path}.to`);
  if (from && to && !(from < to)) throw new InvalidInputError(`${path}.from (${from}) must be before ${path}.to (${to}; exclusive)`, `${path}.from`);
  const occupationId = s.occupationId || null;
  if (occupationId && !ws.graph.occupation(occupationId)) throw new InvalidInputError(`${path}.occupationId: no occupation or occupation group ${occupationId} in the taxonomy`, `${path}.occupationId`);
  let organisationId = s.organisationId || null;
  if (principal.role === 'employer') {
    if (organisationId && organisationId !== principal.organisationId) throw new ForbiddenError(`an employer key sees the demand of its own organisation only (${principal.organisationId ?? 'none'}), not ${organisationId}`);
    organisationId = principal.organisationId;
  }
  return { from, to, occupationId, organisationId };
}

function describeScope(s: ResolvedScope): string {
  const parts: string[] = [];
  if (s.from || s.to) parts.push(`dated ${s.from ?? 'any time'} to ${s.to ?? 'now'} (exclusive)`);
  if (s.occupationId) parts.push(`occupation ${s.occupationId} or below`);
  if (s.organisationId) parts.push(`organisation ${s.organisationId}`);
  return parts.length === 0 ? 'all postings' : `postings ${parts.join(', ')}`;
}

/** Whether an occupation is `target` or lies below it (its parents, transitively). */
function occupationUnder(ws: Workspace, occupationId: string | null, target: string): boolean {
  const seen = new Set<string>();
  const stack = occupationId ? [occupationId] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(ws.graph.occupation(id)?.parentIds ?? []));
  }
  return false;
}

const inDates = (date: string, s: ResolvedScope): boolean => (!s.from || date.slice(0, 10) >= s.from) && (!s.to || date.slice(0, 10) < s.to);

/** The postings in scope, in id order. */
export function postingsInScope(ws: Workspace, s: ResolvedScope): JobPosting[] {
  return [...ws.records.postings.values()].filter(
    (p) => (!s.organisationId || p.organisationId === s.organisationId) && inDates(p.datePosted, s) && (!s.occupationId || occupationUnder(ws, p.occupationId, s.occupationId)),
  );
}

/** The stored roles in scope the caller may see; a role of a posting is dated by its posting. */
function rolesInScope(ws: Workspace, principal: Principal, s: ResolvedScope): Role[] {
  return [...ws.records.roles.values()].filter((r) => {
    if (!canSeeRole(principal, r)) return false;
    if (s.organisationId && r.organisationId !== s.organisationId) return false;
    const posting = r.postingId ? ws.records.postings.get(r.postingId) : undefined;
    if ((s.from || s.to) && !(posting && inDates(posting.datePosted, s))) return false;
    return !s.occupationId || occupationUnder(ws, r.occupationId ?? posting?.occupationId ?? null, s.occupationId);
  });
}

/** Everything the reports of one scope share: the demand, the catalogue's values, the roles. */
export interface ScopeValues {
  readonly scope: ResolvedScope;
  readonly ctx: ValueContext;
  readonly values: ReadonlyMap<string, CatalogueValue>;
  readonly roles: { readonly index: RoleIndex; readonly source: string };
}

/** The catalogue's values for a scope (cached until the next change). */
export function scopeValues(ws: Workspace, principal: Principal, scope: ResolvedScope): ScopeValues {
  const visibility = principal.role === 'employer' ? `org:${principal.organisationId}` : 'all';
  return ws.cached(['credential-values', scope, visibility], () => {
    const postings = postingsInScope(ws, scope);
    const ctx = buildValueContext(ws.scorer, [...ws.records.credentials.values()], postings, [...ws.records.awards.values()]);
    const stored = rolesInScope(ws, principal, scope);
    let roles: RoleLike[];
    let source: string;
    if (stored.length > 0) {
      roles = stored.map((r) => requirementsFromRole(r)).filter((r) => r.requirements.length > 0);
      source = 'stored roles';
    } else {
      roles = postingProfiles(postings, (id) => ws.graph.occupation(id)?.preferredLabel ?? null, { top: 50, minConfidence: 0.3 }).map((p) => ({ id: p.id, title: p.title, requirements: p.requirements }));
      source = 'posting groups (postings by occupation)';
    }
    return { scope, ctx, values: catalogueValues(ctx), roles: { index: buildRoleIndex(ws.scorer, roles), source } };
  });
}

export interface CredentialValueInput {
  readonly credentialId: string;
  readonly scope?: DemandScope | null;
}

/** Holder count (and this credential's award counts) as released to the caller. */
async function releaseHolders(ws: Workspace, principal: Principal, c: Credential, now: Date): Promise<{ holders: HoldersReport; awards: { awards: number; verifiedAwards: number; verifiedShare: number | null } }> {
  const k = ws.analytics.options.k;
  const exact = holderCounts(c.id, ws.records.awards.values());
  const none = { awards: 0, verifiedAwards: 0, verifiedShare: null };
  if (principal.role === 'admin') {
    const n = exact.holders.size;
    const suppressed = n < k;
    return {
      holders: { count: suppressed ? null : n, exact: true, suppressed, note: `Exact count of candidates with an award of it (admin key), suppressed under k = ${k}.` },
      awards: { awards: exact.awards, verifiedAwards: exact.verifiedAwards, verifiedShare: exact.awards === 0 ? null : exact.verifiedAwards / exact.awards },
    };
  }
  if (principal.role === 'learner') {
    return { holders: { count: null, exact: false, suppressed: true, note: 'Holder counts are released to admin, planner and employer keys only, as the gap analytics are.' }, awards: none };
  }
  const rho = ws.privacy.rhoPerQuery;
  const prf = await ws.privacy.prf();
  const ask = (): string => releaseId(ws, now, ['holders', c.id]);
  let id = ask();
  try {
    await spend(ws, principal, id, now);
    while (id !== ask()) await spend(ws, principal, (id = ask()), now);
  } catch (err) {
    if (!(err instanceof ForbiddenError)) throw err;
    return { holders: { count: null, exact: false, suppressed: false, note: `Not released: ${err.message}.` }, awards: none };
  }
  // one person changes the holders and the verified holders by at most 1 each: squared L2 sensitivity 2
  const sigma2 = sigma2For(2, rho);
  const noisy = (what: string, x: number): number => Math.max(0, x + sampleDiscreteGaussian(sigma2, uniformStream(prf, `${id}\u0000${what}`)));
  const n = noisy('holders', exact.holders.size);
  const v = Math.min(n, noisy('verified', exact.verified.size));
  const suppressed = n < k;
  const note = `Differentially private count (discrete Gaussian noise, zCDP ρ ${rho} charged to this key's budget, σ ≈ ${Math.sqrt(sigma2).toFixed(1)}), suppressed when the noisy count is under k = ${k}; verified share from the noisy verified-holder count.`;
  return {
    holders: { count: suppressed ? null : n, exact: false, suppressed, note },
    awards: suppressed ? none : { awards: n, verifiedAwards: v, verifiedShare: n === 0 ? null : v / n },
  };
}

/** The value report of one catalogue credential (NotFound for an unknown id; InvalidInput for a bad scope). */
export async function credentialValue(ws: Workspace, principal: Principal | null, input: CredentialValueInput, now: Date): Promise<CredentialValueReport> {
  const p = requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'a credential value report');
  const c = ws.records.credentials.get(input.credentialId);
  if (!c) throw new NotFoundError('Credential', input.credentialId);
  const scope = resolveScope(ws, p, input.scope);
  const sv = scopeValues(ws, p, scope);
  const { holders, awards } = await releaseHolders(ws, p, c, now);
  return ws.cached(['credential-value', c.id, scope, p.role === 'employer' ? p.organisationId : 'all', holders, awards, profileDay(now)], () => {
    const holdersOf = new Set([...ws.records.awards.values()].filter((a) => a.credentialId === c.id).map((a) => a.candidateId));
    const demand = demandReport(sv.ctx, c, sv.roles, (i) => {
      const role = sv.roles.index.roles[i]!;
      const ranked = ws.cached(['value-ranked', scope, p.role === 'employer' ? p.organisationId : 'all', role.id, profileDay(now)], () => rankedFits(ws.scorer, role, ws.cohort(now)));
      return typicalHolderFit(ws.scorer, role, ranked, holdersOf, (id) => ws.profile(id, now), c, DEFAULT_RECOMMEND_OPTIONS, ws.analytics.options.k);
    });
    const cost = costReport(sv.ctx, c, sv.values);
    const credibility = credibilityReport(sv.ctx, c, awards);
    const v = sv.values.get(c.id)!;
    const figures = describeFigures({
      name: c.name,
      credentialType: c.credentialType,
      value: v.value,
      valuePerCost: v.valuePerCost,
      valuePerHour: v.valuePerHour,
      free: v.free,
      demand,
      cost,
      credibility,
      holders,
      scope: describeScope(scope),
      issuerCountsExact: p.role === 'admin',
      nameOf: (id) => ws.records.credentials.get(id)?.name ?? id,
      labelOf: (id) => ws.graph.labelOf(id),
    });
    return { credentialId: c.id, value: v.value, valuePerCost: v.valuePerCost, valuePerHour: v.valuePerHour, free: v.free, demand, cost, credibility, holders, figures };
  });
}

/**
 * The report as the API's `CredentialValue` object with every field selected (credential and skills as
 * `{ id, name }` / `{ id, preferredLabel }`): what `skillgraph credential <id> --value --json` prints, so
 * the CLI's JSON and the GraphQL answer have the same field names and values.
 */
export function credentialValueObject(ws: Workspace, r: CredentialValueReport): Record<string, unknown> {
  const credential = (id: string): { id: string; name: string } => ({ id, name: ws.records.credentials.get(id)?.name ?? id });
  const { demand: d, cost: c, credibility: k } = r;
  return {
    credential: credential(r.credentialId),
    value: r.value,
    valuePerCost: r.valuePerCost,
    valuePerHour: r.valuePerHour,
    free: r.free,
    demand: {
      postings: d.postings,
      postingsWithSkills: d.postingsWithSkills,
      covered: d.covered,
      skills: d.skills.filter((s) => ws.graph.skill(s.skillId)).map((s) => ({ skill: { id: s.skillId, preferredLabel: ws.graph.skill(s.skillId)!.preferredLabel }, skillId: s.skillId, share: s.share, postings: s.postings })),
      fitGain: d.fitGain,
      rolesServed: d.rolesServed.map((x) => ({ roleId: x.roleId, title: x.title, coverage: x.coverage, fitBefore: x.fitBefore, fitAfter: x.fitAfter, gain: x.gain, typicalHolders: x.field })),
      roleSource: d.roleSource,
      rolesConsidered: d.rolesConsidered,
    },
    cost: {
      cost: c.cost,
      hours: c.hours,
      comparable: c.comparable,
      comparableType: c.comparableType,
      valuePerCostRank: c.valuePerCostRank,
      valuePerHourRank: c.valuePerHourRank,
      equivalents: c.equivalents.map((e) => ({ credential: credential(e.credentialId), cost: e.cost, hours: e.hours, sameSkills: e.sameSkills, shared: e.shared, verifiedIssuer: e.verifiedIssuer, cheaper: e.cheaper, shorter: e.shorter })),
    },
    credibility: {
      issuerId: k.issuerId,
      issuerName: k.issuerName,
      verifiedIssuer: k.verifiedIssuer,
      awards: k.awards,
      verifiedAwards: k.verifiedAwards,
      verifiedShare: k.verifiedShare,
      level: k.level,
      recognition: k.recognition.map((x) => ({ kind: x.kind, agentId: x.agentId, agentName: x.agentName, source: x.source, verification: x.verification })),
      assessment: k.assessment.map((x) => ({ kind: x.kind, description: x.description, source: x.source })),
      skillBasis: { ...k.skillBasis },
    },
    holders: { ...r.holders },
    figures: r.figures.map((f) => ({ name: f.name, value: f.value, data: f.data, method: f.method })),
  };
}

/** The GraphQL selection that gives `credentialValueObject`'s shape (tests compare the CLI's JSON with it). */
export const CREDENTIAL_VALUE_SELECTION = `credential { id name } value valuePerCost valuePerHour free
  demand { postings postingsWithSkills covered skills { skill { id preferredLabel } skillId share postings } fitGain
    rolesServed { roleId title coverage fitBefore fitAfter gain typicalHolders } roleSource rolesConsidered }
  cost { cost hours comparable comparableType valuePerCostRank valuePerHourRank
    equivalents { credential { id name } cost hours sameSkills shared verifiedIssuer cheaper shorter } }
  credibility { issuerId issuerName verifiedIssuer awards verifiedAwards verifiedShare level
    recognition { kind agentId agentName source verification } assessment { kind description source }
    skillBasis { aligned linked catalogue other meanLinkedConfidence } }
  holders { count exact suppressed note }
  figures { name value data method }`;
