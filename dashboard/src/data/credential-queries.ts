/**
 * Issue 20: the operations of the credential comparison view and report (`credentials(orderBy, filter,
 * scope)` with `Credential.value`, and `credentialValue`), and their replies mapped to the view model.
 */
import type { Credential as GCredential, CredentialValue as GCredentialValue } from '../../generated/schema-types.ts';
import type { CredentialOrder, CredentialFilter, CredentialPoint, CredentialReport, CredibilityLevel, DemandScope } from './model.ts';

const ERROR_FIELDS = '... on Error { code message }';

/** One page of the catalogue in the chosen order, each credential with the value figures the comparison needs. */
export const CREDENTIAL_VALUES = /* GraphQL */ `query CredentialValues($orderBy: CredentialOrder, $filter: CredentialFilter, $scope: DemandScope, $first: Int, $after: String) {
  credentials(orderBy: $orderBy, filter: $filter, scope: $scope, first: $first, after: $after) {
    edges {
      node {
        id name cost hours credentialType
        issuer { id name }
        value(scope: $scope) {
          value valuePerCost valuePerHour free
          credibility { level verifiedIssuer recognition { kind } assessment { kind } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const REPORT_FIELDS = `
  credential { id name credentialType issuer { id name } }
  value valuePerCost valuePerHour free
  demand {
    postings postingsWithSkills covered fitGain roleSource rolesConsidered
    skills { skill { id preferredLabel } share postings }
    rolesServed { roleId title fitBefore fitAfter gain coverage }
  }
  cost {
    cost hours comparable comparableType valuePerCostRank valuePerHourRank
    equivalents { credential { id name } cost hours sameSkills shared verifiedIssuer cheaper shorter }
  }
  credibility {
    issuerId issuerName verifiedIssuer awards verifiedAwards verifiedShare level
    recognition { kind agentId agentName source verification }
    assessment { kind description source }
    skillBasis { aligned linked catalogue other meanLinkedConfidence }
  }
  holders { count exact suppressed note }
  figures { name value data method }`;

export const CREDENTIAL_VALUE = /* GraphQL */ `query CredentialValue($id: ID!, $scope: DemandScope) {
  credentialValue(id: $id, scope: $scope) {
    __typename
    ... on CredentialValue { ${REPORT_FIELDS} }
    ${ERROR_FIELDS}
  }
}`;

// ---- replies ----

interface CredibilityReply {
  level: CredibilityLevel;
  verifiedIssuer: boolean;
  recognition: readonly { kind: string }[];
  assessment: readonly { kind: string }[];
}
export interface CredentialValuesNode {
  id: string;
  name: string;
  cost: number | null;
  hours: number | null;
  credentialType: string;
  issuer: { id: string; name: string };
  value: { value: number; valuePerCost: number | null; valuePerHour: number | null; free: boolean; credibility: CredibilityReply };
}
export interface CredentialValuesReply {
  credentials: { edges: { node: CredentialValuesNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export interface CredentialValueFields {
  credential: { id: string; name: string; credentialType: string; issuer: { id: string; name: string } };
  value: number;
  valuePerCost: number | null;
  valuePerHour: number | null;
  free: boolean;
  demand: {
    postings: number;
    postingsWithSkills: number;
    covered: number;
    fitGain: number | null;
    roleSource: string;
    rolesConsidered: number;
    skills: readonly { skill: { id: string; preferredLabel: string }; share: number; postings: number }[];
    rolesServed: readonly { roleId: string; title: string; fitBefore: number; fitAfter: number; gain: number; coverage: number }[];
  };
  cost: {
    cost: number | null;
    hours: number | null;
    comparable: number;
    comparableType: string | null;
    valuePerCostRank: number | null;
    valuePerHourRank: number | null;
    equivalents: readonly { credential: { id: string; name: string }; cost: number | null; hours: number | null; sameSkills: boolean; shared: number; verifiedIssuer: boolean; cheaper: boolean; shorter: boolean }[];
  };
  credibility: CredentialReport['credibility'] & { recognition: readonly CredentialReport['credibility']['recognition'][number][] };
  holders: CredentialReport['holders'];
  figures: readonly CredentialReport['figures'][number][];
}

/** Compile-time check: the generated API types fit the reply shapes above (a renamed field fails tsc). */
type Assert<T extends true> = T;
export type RepliesMatchSchema = Assert<GCredentialValue extends CredentialValueFields ? (Pick<GCredential, 'id' | 'name' | 'cost' | 'hours' | 'credentialType' | 'issuer'> extends Omit<CredentialValuesNode, 'value'> ? true : false) : false>;

/** GraphQL variables: empty filter / scope fields are left out (the API treats absent as "any"). */
export function credentialVariables(order: CredentialOrder, filter: CredentialFilter, scope: DemandScope): { orderBy: CredentialOrder; filter: Record<string, unknown> | null; scope: Record<string, unknown> | null } {
  const clean = (o: object): Record<string, unknown> | null => {
    const e = Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false);
    return e.length ? Object.fromEntries(e) : null;
  };
  return { orderBy: order, filter: clean(filter), scope: clean(scope) };
}

export function toCredentialPoint(n: CredentialValuesNode): CredentialPoint {
  return {
    id: n.id,
    name: n.name.trim(),
    issuerName: n.issuer.name.trim(),
    credentialType: n.credentialType,
    cost: n.cost,
    hours: n.hours,
    free: n.value.free,
    value: n.value.value,
    valuePerCost: n.value.valuePerCost,
    valuePerHour: n.value.valuePerHour,
    level: n.value.credibility.level,
    verifiedIssuer: n.value.credibility.verifiedIssuer,
    recognition: n.value.credibility.recognition.length,
    assessment: n.value.credibility.assessment.length,
  };
}

export function toCredentialReport(v: CredentialValueFields): CredentialReport {
  return {
    id: v.credential.id,
    name: v.credential.name.trim(),
    issuerName: v.credential.issuer.name.trim(),
    credentialType: v.credential.credentialType,
    value: v.value,
    valuePerCost: v.valuePerCost,
    valuePerHour: v.valuePerHour,
    free: v.free,
    demand: {
      postings: v.demand.postings,
      postingsWithSkills: v.demand.postingsWithSkills,
      roleSource: v.demand.roleSource,
      rolesConsidered: v.demand.rolesConsidered,
      covered: v.demand.covered,
      fitGain: v.demand.fitGain,
      skills: v.demand.skills.map((s) => ({ id: s.skill.id, label: s.skill.preferredLabel.trim(), share: s.share, postings: s.postings })),
      rolesServed: v.demand.rolesServed.map((x) => ({ ...x, title: x.title.trim() })),
    },
    cost: {
      cost: v.cost.cost,
      hours: v.cost.hours,
      comparable: v.cost.comparable,
      comparableType: v.cost.comparableType,
      valuePerCostRank: v.cost.valuePerCostRank,
      valuePerHourRank: v.cost.valuePerHourRank,
      equivalents: v.cost.equivalents.map((e) => ({ id: e.credential.id, name: e.credential.name.trim(), cost: e.cost, hours: e.hours, sameSkills: e.sameSkills, shared: e.shared, verifiedIssuer: e.verifiedIssuer, cheaper: e.cheaper, shorter: e.shorter })),
    },
    credibility: v.credibility,
    holders: v.holders,
    figures: v.figures,
  };
}
