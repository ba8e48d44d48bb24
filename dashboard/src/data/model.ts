/** What the views receive from the data layer (independent of the API's field names). */
export interface GapSkillCell {
  readonly skillId: string;
  readonly label: string;
  readonly demand: number;
  readonly supply: number | null;
  readonly verifiedSupply: number | null;
  readonly gap: number | null;
  readonly suppressed: boolean;
}

export interface Trend {
  readonly skillId: string;
  readonly label: string;
  readonly slope: number;
  readonly points: readonly { readonly month: string; readonly demand: number }[];
}

export interface GapData {
  readonly from: string;
  readonly to: string;
  readonly cells: readonly GapSkillCell[];
  readonly trends: readonly Trend[];
  /** Cells after the what-if, when one was asked. */
  readonly whatIf: { readonly credentialId: string; readonly people: number; readonly after: readonly GapSkillCell[] } | null;
}

export interface RoleProfile {
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly { readonly skillId: string; readonly weight: number; readonly essential: boolean }[];
}

export interface CredentialItem {
  readonly id: string;
  readonly name: string;
  readonly cost: number | null;
  readonly hours: number | null;
}

export interface Pickers {
  /** Stored roles (first pages); on a store without roles the heatmap uses `demand.profiles`. */
  readonly roles: readonly RoleProfile[];
  readonly credentials: readonly CredentialItem[];
}

/** A search hit for a role picker: a stored role, a posting, or an ESCO / O*NET occupation. */
export interface RoleOption {
  readonly id: string;
  readonly title: string;
  readonly kind: 'ROLE' | 'POSTING' | 'OCCUPATION';
  readonly code: string;
  readonly matched: string | null;
}

/** The postings the key may see: date range and demand profiles (by occupation, else title). */
export interface PostingDemand {
  readonly from: string | null;
  readonly to: string | null;
  readonly count: number;
  readonly profiles: readonly RoleProfile[];
}

export interface EvidenceLink {
  /** exact | narrower | broader | related | embedding */
  readonly match: string;
  readonly credentialName: string | null;
  /** The sentence or field path the skill was found in. */
  readonly source: string | null;
  readonly verification: string | null;
  readonly evidenceKind: string | null;
  readonly confidence: number | null;
  readonly heldSkillLabel: string | null;
}

export interface RequirementRow {
  readonly skillId: string;
  readonly label: string;
  readonly weight: number;
  readonly essential: boolean;
  readonly coverage: number;
  readonly verifiedCoverage: number;
  readonly missing: boolean;
  readonly best: EvidenceLink | null;
}

export interface FitRow {
  readonly candidate: { readonly id: string; readonly name: string };
  /** Weighted coverage in [0, 1]. */
  readonly fit: number;
  /** Ranking score (fit with penalties and signals). */
  readonly score: number;
  /** Shares of the role's total weight. */
  readonly essentialCovered: number;
  readonly optionalCovered: number;
  readonly missingEssentials: readonly { readonly id: string; readonly label: string }[];
  readonly requirements: readonly RequirementRow[];
}

export interface RankPage {
  readonly rows: readonly FitRow[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface PlanStep {
  readonly credential: CredentialItem;
  readonly fitAfter: number;
  readonly cumulativeCost: number;
  readonly cumulativeHours: number;
  readonly gapsClosed: readonly { readonly label: string; readonly before: number; readonly after: number }[];
}

export interface Plan {
  readonly strategy: string;
  readonly fitBefore: number;
  readonly fitAfter: number;
  readonly totalCost: number;
  readonly totalHours: number;
  readonly reachedTarget: boolean;
  readonly steps: readonly PlanStep[];
}

export interface Recommendation {
  readonly fitBefore: number;
  readonly targetFit: number;
  /** Best within the budget. */
  readonly best: Plan;
  readonly cheapest: Plan | null;
  readonly fastest: Plan | null;
}

/** Issue 20: how far a credential can be trusted, from its awards' proofs and its document's stated recognition. */
export type CredibilityLevel = 'VERIFIED_RECOGNISED' | 'VERIFIED' | 'UNVERIFIED';

/** Which postings' demand counts (empty = every posting the key may see). */
export interface DemandScope {
  readonly from?: string | null;
  readonly to?: string | null;
  readonly occupationId?: string | null;
  readonly organisationId?: string | null;
}

export type CredentialOrder = 'VALUE' | 'VALUE_PER_COST' | 'NAME';

export interface CredentialFilter {
  readonly skill?: string | null;
  readonly maxCost?: number | null;
  readonly maxHours?: number | null;
  readonly verifiedIssuer?: boolean | null;
}

/** One credential in the comparison view (scatter point and table row). */
export interface CredentialPoint {
  readonly id: string;
  readonly name: string;
  readonly issuerName: string;
  readonly credentialType: string;
  /** USD; null when unknown. */
  readonly cost: number | null;
  readonly hours: number | null;
  readonly free: boolean;
  /** Share (0–1) of the weighted skill demand in scope its skills cover. */
  readonly value: number;
  readonly valuePerCost: number | null;
  readonly valuePerHour: number | null;
  readonly level: CredibilityLevel;
  readonly verifiedIssuer: boolean;
  /** Recognition entries stated in the document (accreditation, endorsements…). */
  readonly recognition: number;
  readonly assessment: number;
}

export interface ValueFigure {
  readonly name: string;
  readonly value: string;
  readonly data: string;
  readonly method: string;
}

export interface CredentialEquivalentItem {
  readonly id: string;
  readonly name: string;
  readonly cost: number | null;
  readonly hours: number | null;
  readonly sameSkills: boolean;
  readonly shared: number;
  readonly verifiedIssuer: boolean;
  readonly cheaper: boolean;
  readonly shorter: boolean;
}

/** One credential's value report (`credentialValue`). */
export interface CredentialReport {
  readonly id: string;
  readonly name: string;
  readonly issuerName: string;
  readonly credentialType: string;
  readonly value: number;
  readonly valuePerCost: number | null;
  readonly valuePerHour: number | null;
  readonly free: boolean;
  readonly demand: {
    readonly postings: number;
    /** Postings in scope with at least one linked skill (the others add no demand). */
    readonly postingsWithSkills: number;
    /** Where the roles served come from (stored roles, or postings grouped by occupation). */
    readonly roleSource: string;
    readonly rolesConsidered: number;
    readonly covered: number;
    readonly skills: readonly { readonly id: string; readonly label: string; readonly share: number; readonly postings: number }[];
    readonly fitGain: number | null;
    readonly rolesServed: readonly { readonly roleId: string; readonly title: string; readonly fitBefore: number; readonly fitAfter: number; readonly gain: number; readonly coverage: number }[];
  };
  readonly cost: {
    readonly cost: number | null;
    readonly hours: number | null;
    readonly comparable: number;
    /** The credential type compared within, null when compared with all (fewer than 5 of its type). */
    readonly comparableType: string | null;
    readonly valuePerCostRank: number | null;
    readonly valuePerHourRank: number | null;
    readonly equivalents: readonly CredentialEquivalentItem[];
  };
  readonly credibility: {
    readonly issuerId: string;
    readonly issuerName: string;
    readonly verifiedIssuer: boolean;
    readonly awards: number;
    readonly verifiedAwards: number;
    readonly verifiedShare: number | null;
    readonly level: CredibilityLevel;
    readonly recognition: readonly { readonly kind: string; readonly agentId: string; readonly agentName: string; readonly source: string; readonly verification: string }[];
    readonly assessment: readonly { readonly kind: string; readonly description: string; readonly source: string }[];
    readonly skillBasis: { readonly aligned: number; readonly linked: number; readonly catalogue: number; readonly other: number; readonly meanLinkedConfidence: number | null };
  };
  readonly holders: { readonly count: number | null; readonly exact: boolean; readonly suppressed: boolean; readonly note: string };
  readonly figures: readonly ValueFigure[];
}
