/**
 * Every GraphQL operation the dashboard sends (one place, so the API's schema can be checked against
 * it: dashboard/browser.test.ts validates each against the schema it serves).
 */
import type {
  Candidate,
  Credential,
  FitResultConnection,
  GapDimension,
  GapReport,
  Recommendation,
  Role,
  SkillGroupRef,
  SkillTreeNode,
  WhatIfInput,
} from '../../generated/schema-types.ts';
import type { GraphQLClient } from './client.ts';

export const GAPS = /* GraphQL */ `query Gaps($by: GapDimension!, $groupId: ID, $whatIf: WhatIfInput) {
  gaps(by: $by, groupId: $groupId, whatIf: $whatIf) {
    cells { rowId rowLabel columnId columnLabel demand supply supplyVerified gap suppressed }
    trends { skillId label slope points { month demand } }
  }
}`;

export const SKILL_TREE = /* GraphQL */ `query SkillTree($rootId: ID, $depth: Int) {
  skillTree(rootId: $rootId, depth: $depth) { id label parentId isGroup demand gap }
}`;

export const SKILL_GROUPS = /* GraphQL */ `query SkillGroups {
  skillGroups { id label }
}`;

export const RANK_CANDIDATES = /* GraphQL */ `query RankCandidates($roleId: ID!, $first: Int, $after: String) {
  rankCandidates(roleId: $roleId, first: $first, after: $after) {
    edges {
      cursor
      node {
        candidate { id name }
        score essentialCovered optionalCovered
        missingEssentials { id label }
        requirements {
          skill { id label }
          weight essential coverage
          evidence { kind source verification confidence credential { id name cost hours } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PATHWAY_FIELDS = `fitBefore steps {
  credential { id name cost hours }
  fitAfter cumulativeCost cumulativeHours
  gapsClosed { skill { id label } before after }
}`;

export const RECOMMEND = /* GraphQL */ `query Recommend($candidateId: ID!, $roleId: ID!, $budget: Float, $hours: Float) {
  recommendCredentials(candidateId: $candidateId, roleId: $roleId, budget: $budget, hours: $hours) {
    pathway { ${PATHWAY_FIELDS} }
    alternatives {
      cheapest { ${PATHWAY_FIELDS} }
      fastest { ${PATHWAY_FIELDS} }
      bestWithinBudget { ${PATHWAY_FIELDS} }
    }
  }
}`;

export const PICKERS = /* GraphQL */ `query Pickers {
  roles { id title }
  candidates { id name }
  credentials { id name cost hours }
}`;

/** All operations by name (the browser test validates each against the served schema). */
export const OPERATIONS = { GAPS, SKILL_TREE, SKILL_GROUPS, RANK_CANDIDATES, RECOMMEND, PICKERS } as const;

export interface Pickers {
  readonly roles: readonly Role[];
  readonly candidates: readonly Candidate[];
  readonly credentials: readonly Credential[];
}

/** The dashboard's typed view of the API. */
export interface DashboardApi {
  gaps(by: GapDimension, groupId: string | null, whatIf: WhatIfInput | null, signal?: AbortSignal): Promise<GapReport>;
  skillTree(rootId: string | null, depth: number | null, signal?: AbortSignal): Promise<readonly SkillTreeNode[]>;
  skillGroups(signal?: AbortSignal): Promise<readonly SkillGroupRef[]>;
  rankCandidates(roleId: string, first: number, after: string | null, signal?: AbortSignal): Promise<FitResultConnection>;
  recommend(candidateId: string, roleId: string, budget: number | null, hours: number | null, signal?: AbortSignal): Promise<Recommendation>;
  pickers(signal?: AbortSignal): Promise<Pickers>;
}

export function createDashboardApi(client: GraphQLClient): DashboardApi {
  return {
    gaps: async (by, groupId, whatIf, signal) =>
      (await client.request<{ gaps: GapReport }>(GAPS, { by, groupId, whatIf }, signal)).gaps,
    skillTree: async (rootId, depth, signal) =>
      (await client.request<{ skillTree: SkillTreeNode[] }>(SKILL_TREE, { rootId, depth }, signal)).skillTree,
    skillGroups: async (signal) => (await client.request<{ skillGroups: SkillGroupRef[] }>(SKILL_GROUPS, {}, signal)).skillGroups,
    rankCandidates: async (roleId, first, after, signal) =>
      (await client.request<{ rankCandidates: FitResultConnection }>(RANK_CANDIDATES, { roleId, first, after }, signal)).rankCandidates,
    recommend: async (candidateId, roleId, budget, hours, signal) =>
      (await client.request<{ recommendCredentials: Recommendation }>(RECOMMEND, { candidateId, roleId, budget, hours }, signal))
        .recommendCredentials,
    pickers: (signal) => client.request<Pickers>(PICKERS, {}, signal),
  };
}
