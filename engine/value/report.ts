/**
 * The credential value report (issue 20): demand, cost-effectiveness, credibility and holders of one
 * credential, each figure with the data it rests on and its method (`figures`); no hidden score.
 * Pure: the app layer (app/credential-value.ts) chooses the postings and roles in scope, the typical
 * holders, and releases the holder counts under the privacy rules of the gap analytics.
 */
import type { Award, Credential, CredentialAssessment, CredentialRecognition, JobPosting } from '../../taxonomy/model/types.ts';
import type { FitScorer } from '../fit/fit-scorer.ts';
import { comparableSet, costFacts, equivalents, rankOf, type Equivalent } from './cost.ts';
import { buildDemandIndex, coverDemand, skillShares, type DemandCover, type DemandIndex } from './demand.ts';
import { CREDIBILITY_LEVEL_NAMES, credibilityLevel, issuerCredibility, type IssuerCredibility } from './issuer-credibility.ts';
import { rolesServed, type HolderFit, type RoleIndex } from './roles-served.ts';

/**
 * What the whole catalogue's figures are computed from (one per data version and scope). It holds no
 * scorer or graph, so a result cache sizing it (app/result-cache.ts) counts only what it owns.
 */
export interface ValueContext {
  readonly catalogue: readonly Credential[];
  readonly byId: ReadonlyMap<string, Credential>;
  readonly demand: DemandIndex;
  readonly issuers: ReadonlyMap<string, IssuerCredibility>;
  coverOf(credentialId: string): DemandCover;
}

export function buildValueContext(scorer: FitScorer, catalogue: readonly Credential[], postings: readonly JobPosting[], awards: readonly Award[]): ValueContext {
  const demand = buildDemandIndex(postings, scorer.matcher);
  const byId = new Map(catalogue.map((c) => [c.id, c] as const));
  const covers = new Map<string, DemandCover>();
  const none: DemandCover = { value: 0, covers: new Map() };
  return {
    catalogue,
    byId,
    demand,
    issuers: issuerCredibility(catalogue, awards),
    coverOf(id) {
      let c = covers.get(id);
      if (!c) {
        const cred = byId.get(id);
        c = cred ? coverDemand(demand, cred.skills.map((s) => s.skillId)) : none;
        covers.set(id, c);
      }
      return c;
    },
  };
}

/** One row of the catalogue as the list orders and filters it. */
export interface CatalogueValue {
  readonly credentialId: string;
  readonly value: number;
  readonly valuePerCost: number | null;
  readonly valuePerHour: number | null;
  readonly free: boolean;
  readonly verifiedIssuer: boolean;
  /** credibilityLevel: 2 verified issuer + recognition stated, 1 verified issuer, 0 otherwise (breaks ties in the list). */
  readonly level: 0 | 1 | 2;
}

export function catalogueValues(ctx: ValueContext): Map<string, CatalogueValue> {
  const out = new Map<string, CatalogueValue>();
  for (const c of ctx.catalogue) {
    const value = ctx.coverOf(c.id).value;
    const issuer = ctx.issuers.get(c.issuer.id);
    out.set(c.id, { credentialId: c.id, value, ...costFacts(c, value), verifiedIssuer: issuer?.verified ?? false, level: credibilityLevel(c, issuer) });
  }
  return out;
}

export interface RoleServedFit {
  readonly roleId: string;
  readonly title: string;
  /** Share of the role's weighted requirements the credential's skills cover. */
  readonly coverage: number;
  readonly fitBefore: number;
  readonly fitAfter: number;
  readonly gain: number;
  /** Non-holders the typical holder was the median of (0: an empty profile stood in). */
  readonly field: number;
}

export interface DemandReport {
  readonly postings: number;
  readonly postingsWithSkills: number;
  readonly covered: number;
  readonly skills: readonly { readonly skillId: string; readonly share: number; readonly postings: number }[];
  readonly fitGain: number | null;
  readonly rolesServed: readonly RoleServedFit[];
  /** Which roles were considered: 'stored roles' or 'posting groups' (postings by occupation). */
  readonly roleSource: string;
  readonly rolesConsidered: number;
}

export interface CostReport {
  readonly cost: number | null;
  readonly hours: number | null;
  readonly comparable: number;
  /** The credentialType compared within, null when the whole catalogue was. */
  readonly comparableType: string | null;
  readonly valuePerCostRank: number | null;
  readonly valuePerHourRank: number | null;
  readonly equivalents: readonly Equivalent[];
}

export interface SkillBasis {
  /** Explicit alignments in the credential's document (OB alignment, CTDL competency). */
  readonly aligned: number;
  /** Linked from the credential's text by the linker. */
  readonly linked: number;
  /** A catalogue's skill tags (e.g. a course catalogue row). */
  readonly catalogue: number;
  /** Anything else (claims, taxonomy). */
  readonly other: number;
  readonly meanLinkedConfidence: number | null;
}

export interface CredibilityReport {
  readonly issuerId: string;
  readonly issuerName: string;
  readonly verifiedIssuer: boolean;
  readonly issuer: IssuerCredibility;
  /** This credential's awards (released counts: see app/credential-value.ts). */
  readonly awards: number;
  readonly verifiedAwards: number;
  readonly verifiedShare: number | null;
  readonly level: (typeof CREDIBILITY_LEVEL_NAMES)[number];
  readonly recognition: readonly CredentialRecognition[];
  readonly assessment: readonly CredentialAssessment[];
  readonly skillBasis: SkillBasis;
}

export interface HoldersReport {
  readonly count: number | null;
  readonly exact: boolean;
  readonly suppressed: boolean;
  readonly note: string;
}

export interface ValueFigure {
  readonly name: string;
  readonly value: string;
  readonly data: string;
  readonly method: string;
}

export interface CredentialValueReport {
  readonly credentialId: string;
  readonly value: number;
  readonly valuePerCost: number | null;
  readonly valuePerHour: number | null;
  readonly free: boolean;
  readonly demand: DemandReport;
  readonly cost: CostReport;
  readonly credibility: CredibilityReport;
  readonly holders: HoldersReport;
  readonly figures: readonly ValueFigure[];
}

/** Demand figures: coverage, skill shares, roles served with the typical holder's fit before and after. */
export function demandReport(ctx: ValueContext, c: Credential, roles: { index: RoleIndex; source: string }, holderFit: (roleIndex: number) => HolderFit): DemandReport {
  const cover = ctx.coverOf(c.id);
  const skillIds = c.skills.map((s) => s.skillId);
  const served = rolesServed(roles.index, skillIds, 5).map((r): RoleServedFit => {
    const i = roles.index.roles.findIndex((x) => x.id === r.roleId);
    const f = holderFit(i);
    return { ...r, fitBefore: f.fitBefore, fitAfter: f.fitAfter, gain: f.fitAfter - f.fitBefore, field: f.field };
  });
  return {
    postings: ctx.demand.postings,
    postingsWithSkills: ctx.demand.postingsWithSkills,
    covered: cover.value,
    skills: skillShares(ctx.demand, cover),
    fitGain: served.length === 0 ? null : served.reduce((s, r) => s + r.gain, 0) / served.length,
    rolesServed: served,
    roleSource: roles.source,
    rolesConsidered: roles.index.roles.length,
  };
}

export function costReport(ctx: ValueContext, c: Credential, values: ReadonlyMap<string, CatalogueValue>): CostReport {
  const { credentials, sameType } = comparableSet(c, ctx.catalogue);
  const mine = values.get(c.id)!;
  const others = credentials.map((x) => values.get(x.id)!);
  return {
    cost: c.cost,
    hours: c.hours,
    comparable: credentials.length,
    comparableType: sameType ? c.credentialType : null,
    valuePerCostRank: rankOf(mine.valuePerCost, others.map((o) => o.valuePerCost)),
    valuePerHourRank: rankOf(mine.valuePerHour, others.map((o) => o.valuePerHour)),
    equivalents: equivalents(c, ctx.coverOf(c.id), ctx.catalogue, (id) => ctx.coverOf(id), (issuerId) => ctx.issuers.get(issuerId)?.verified ?? false),
  };
}

export function skillBasis(c: Credential): SkillBasis {
  let aligned = 0;
  let linked = 0;
  let catalogue = 0;
  let other = 0;
  let conf = 0;
  for (const s of c.skills) {
    if (s.provenance.kind === 'alignment') aligned++;
    else if (s.provenance.kind === 'text') {
      linked++;
      conf += s.confidence;
    } else if (s.provenance.kind === 'catalogue') catalogue++;
    else other++;
  }
  return { aligned, linked, catalogue, other, meanLinkedConfidence: linked === 0 ? null : conf / linked };
}


/** Credibility figures; `awards` are this credential's award counts as released to the caller. */
export function credibilityReport(ctx: ValueContext, c: Credential, awards: { awards: number; verifiedAwards: number; verifiedShare: number | null }): CredibilityReport {
  const issuer = ctx.issuers.get(c.issuer.id) ?? { issuerId: c.issuer.id, awards: 0, verifiedAwards: 0, invalidAwards: 0, verified: false };
  return {
    issuerId: c.issuer.id,
    issuerName: c.issuer.name,
    verifiedIssuer: issuer.verified,
    issuer,
    ...awards,
    level: CREDIBILITY_LEVEL_NAMES[credibilityLevel(c, issuer)],
    recognition: c.standing?.recognition ?? [],
    assessment: c.standing?.assessment ?? [],
    skillBasis: skillBasis(c),
  };
}

/** Exact holder counts of one credential: distinct candidates with an award of it, and with a verified one. */
export function holderCounts(credentialId: string, awards: Iterable<Award>): { holders: Set<string>; verified: Set<string>; awards: number; verifiedAwards: number } {
  const holders = new Set<string>();
  const verified = new Set<string>();
  let n = 0;
  let v = 0;
  for (const a of awards) {
    if (a.credentialId !== credentialId) continue;
    n++;
    holders.add(a.candidateId);
    if (a.verification === 'verified' || a.verification === 'hosted-verified') {
      v++;
      verified.add(a.candidateId);
    }
  }
  return { holders, verified, awards: n, verifiedAwards: v };
}
