/**
 * Every GraphQL operation the dashboard sends, against api/schema.graphql (types generated into
 * dashboard/generated/schema-types.ts). Results are mapped to the view model in ./model.ts, so the
 * views do not depend on the API's field names. The browser test validates each operation against
 * the served schema.
 */
import type {
  Candidate,
  Credential,
  EvidenceChain,
  FitResult,
  GapCell,
  GapChange,
  GapReport,
  Pathway,
  PathwayStep,
  PageInfo,
  RankedCandidateConnection,
  Recommendations,
  Requirement,
  RequirementFit,
  Role,
  Skill,
  SkillTrend,
  SkillTreeNode,
  TrendPoint,
  WhatIf,
} from '../../generated/schema-types.ts';
import type { FlatTreeNode } from '../charts/tree.ts';
import type { GraphQLClient } from './client.ts';
import { ApiError, ApiErrorCode } from './errors.ts';
import { CREDENTIAL_VALUE, CREDENTIAL_VALUES, credentialVariables, toCredentialPoint, toCredentialReport, type CredentialValueFields, type CredentialValuesReply } from './credential-queries.ts';
import type { CredentialFilter, CredentialOrder, CredentialPoint, CredentialReport, DemandScope } from './model.ts';
import type { CredentialItem, FitRow, GapData, GapSkillCell, Pickers, Plan, PostingDemand, RankPage, Recommendation, RoleOption, RoleProfile } from './model.ts';

const ERROR_FIELDS = '... on Error { code message }';

const GAP_CELL = 'key label demand supply verifiedSupply gap suppressed';
export const GAPS = /* GraphQL */ `query Gaps($by: GapBy, $whatIf: WhatIfInput, $to: String) {
  gaps(by: $by, whatIf: $whatIf, to: $to) {
    __typename
    ... on GapReport {
      from to
      cells { ${GAP_CELL} }
      trends { skillId label slope series { month share } }
      whatIf { credentialId people after { ${GAP_CELL} } }
    }
    ${ERROR_FIELDS}
  }
}`;

/** The whole hierarchy as a flat list in one request (the taxonomy explorer). */
export const SKILL_TREE = /* GraphQL */ `query SkillTree {
  skillTree {
    __typename
    ... on QuerySkillTreeSuccess { data { id label parentId isGroup } }
    ${ERROR_FIELDS}
  }
}`;

export const ROLES = /* GraphQL */ `query Roles($after: String) {
  roles(first: 100, after: $after) {
    edges { node { id title requirements { skillId weight essential } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const CANDIDATES = /* GraphQL */ `query Candidates($after: String) {
  candidates(first: 100, after: $after) {
    edges { node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const CREDENTIALS = /* GraphQL */ `query Credentials($after: String) {
  credentials(first: 100, after: $after) {
    edges { node { id name cost hours } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const RANK_CANDIDATES = /* GraphQL */ `query RankCandidates($roleId: ID!, $first: Int, $after: String) {
  rankCandidates(roleId: $roleId, first: $first, after: $after) {
    __typename
    ... on RankedCandidateConnection {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          fit score essentialCovered optionalCovered
          candidate { id name }
          missingEssentials { id preferredLabel }
          requirements {
            label weight essential coverage verifiedCoverage missing
            skill { id }
            best {
              match source verification evidenceKind evidenceConfidence
              credential { id name }
              heldSkill { id preferredLabel }
            }
          }
        }
      }
    }
    ${ERROR_FIELDS}
  }
}`;

const PATHWAY = `strategy fitBefore fitAfter totalCost totalHours reachedTarget
      steps {
        credential { id name cost hours }
        fitAfter cumulativeCost cumulativeHours
        gapsClosed { skill { id preferredLabel } before after }
      }`;

export const RECOMMEND = /* GraphQL */ `query Recommend($candidateId: ID!, $roleId: ID!, $budget: Float, $hours: Float) {
  recommendCredentials(candidateId: $candidateId, roleId: $roleId, budget: $budget, hours: $hours) {
    __typename
    ... on Recommendations {
      fitBefore targetFit
      pathway { ${PATHWAY} }
      cheapest { ${PATHWAY} }
      fastest { ${PATHWAY} }
    }
    ${ERROR_FIELDS}
  }
}`;

/** Type-ahead for the role pickers: stored roles, postings, ESCO / O*NET occupations. */
export const SEARCH_ROLES = /* GraphQL */ `query SearchRoles($text: String!, $first: Int) {
  searchRoles(text: $text, first: $first) { id title kind code matched }
}`;

export const SEARCH_CANDIDATES = /* GraphQL */ `query SearchCandidates($text: String!, $first: Int) {
  searchCandidates(text: $text, first: $first) { id name }
}`;

export const POSTING_DEMAND = /* GraphQL */ `query PostingDemand {
  postingDemand(first: 8) {
    __typename
    ... on PostingDemand { from to count profiles { id title requirements { skillId weight essential } } }
    ${ERROR_FIELDS}
  }
}`;

/** All fixed operations by name (the browser test validates each, plus a tree-level batch, against the served schema). */
export const OPERATIONS = { GAPS, SKILL_TREE, ROLES, CANDIDATES, CREDENTIALS, RANK_CANDIDATES, RECOMMEND, SEARCH_ROLES, SEARCH_CANDIDATES, POSTING_DEMAND, CREDENTIAL_VALUES, CREDENTIAL_VALUE } as const;

// ---- response shapes (selections of the generated types) ----

type Union<T> = T & { readonly __typename: string; readonly code?: string; readonly message?: string };
type Cell = Pick<GapCell, 'key' | 'label' | 'demand' | 'supply' | 'verifiedSupply' | 'gap' | 'suppressed'>;
type GapsReply = Union<
  Pick<GapReport, 'from' | 'to'> & {
    cells: Cell[];
    trends: (Pick<SkillTrend, 'skillId' | 'label' | 'slope'> & { series: Pick<TrendPoint, 'month' | 'share'>[] })[];
    whatIf: (Pick<WhatIf, 'credentialId' | 'people'> & { after: Cell[] }) | null;
  }
>;
type Page<N> = { edges: { node: N }[]; pageInfo: Pick<PageInfo, 'hasNextPage' | 'endCursor'> };
type RoleReply = Pick<Role, 'id' | 'title'> & { requirements: Pick<Requirement, 'skillId' | 'weight' | 'essential'>[] };
type NodeRef = Pick<Skill, 'id' | 'preferredLabel'>;
type SkillTreeReply = Pick<SkillTreeNode, 'id' | 'label' | 'parentId' | 'isGroup'>;
type Best = Pick<EvidenceChain, 'match' | 'source' | 'verification' | 'evidenceKind' | 'evidenceConfidence'> & {
  credential: Pick<Credential, 'id' | 'name'> | null;
  heldSkill: NodeRef | null;
};
type FitReply = Pick<FitResult, 'fit' | 'score' | 'essentialCovered' | 'optionalCovered'> & {
  candidate: Pick<Candidate, 'id' | 'name'>;
  missingEssentials: NodeRef[];
  requirements: (Pick<RequirementFit, 'label' | 'weight' | 'essential' | 'coverage' | 'verifiedCoverage' | 'missing'> & { skill: { id: string } | null; best: Best | null })[];
};
type RankReply = Union<Pick<RankedCandidateConnection, 'totalCount'> & { pageInfo: Pick<PageInfo, 'hasNextPage' | 'endCursor'>; edges: { cursor: string; node: FitReply }[] }>;
type PathwayReply = Pick<Pathway, 'strategy' | 'fitBefore' | 'fitAfter' | 'totalCost' | 'totalHours' | 'reachedTarget'> & {
  steps: (Pick<PathwayStep, 'fitAfter' | 'cumulativeCost' | 'cumulativeHours'> & {
    credential: Pick<Credential, 'id' | 'name' | 'cost' | 'hours'>;
    gapsClosed: (Pick<GapChange, 'before' | 'after'> & { skill: NodeRef | null })[];
  })[];
};
type RecommendReply = Union<Pick<Recommendations, 'fitBefore' | 'targetFit'> & { pathway: PathwayReply; cheapest: PathwayReply | null; fastest: PathwayReply | null }>;

/** A union result: the expected member, or one ApiError carrying the API's error code. */
function expect<T>(value: Union<T>, typename: string, what: string): T {
  if (value.__typename === typename) return value;
  const code = value.code === 'FORBIDDEN' ? ApiErrorCode.Forbidden : ApiErrorCode.GraphQL;
  throw new ApiError(code, `${what}: ${value.message ?? value.__typename}`);
}

const toCell = (c: Cell): GapSkillCell => ({ skillId: c.key, label: c.label, demand: c.demand, supply: c.supply, verifiedSupply: c.verifiedSupply, gap: c.gap, suppressed: c.suppressed });

function toPlan(p: PathwayReply): Plan {
  return {
    strategy: p.strategy,
    fitBefore: p.fitBefore,
    fitAfter: p.fitAfter,
    totalCost: p.totalCost,
    totalHours: p.totalHours,
    reachedTarget: p.reachedTarget,
    steps: p.steps.map((s) => ({
      credential: s.credential,
      fitAfter: s.fitAfter,
      cumulativeCost: s.cumulativeCost,
      cumulativeHours: s.cumulativeHours,
      gapsClosed: s.gapsClosed.map((g) => ({ label: g.skill?.preferredLabel.trim() ?? '(unknown skill)', before: g.before, after: g.after })),
    })),
  };
}

/** An API enum value as the view model spells it (`HOSTED_VERIFIED` → `hosted-verified`). */
const domainValue = (v: string): string => v.toLowerCase().replace(/_/g, '-');

function toFitRow(n: FitReply): FitRow {
  return {
    candidate: n.candidate,
    fit: n.fit,
    score: n.score,
    essentialCovered: n.essentialCovered,
    optionalCovered: n.optionalCovered,
    missingEssentials: n.missingEssentials.map((s) => ({ id: s.id, label: s.preferredLabel.trim() })),
    requirements: n.requirements.map((q) => ({
      skillId: q.skill?.id ?? q.label,
      label: q.label.trim(),
      weight: q.weight,
      essential: q.essential,
      coverage: q.coverage,
      verifiedCoverage: q.verifiedCoverage,
      missing: q.missing,
      best: q.best
        ? {
            match: domainValue(q.best.match),
            credentialName: q.best.credential?.name ?? null,
            source: q.best.source,
            verification: q.best.verification === null ? null : domainValue(q.best.verification),
            evidenceKind: q.best.evidenceKind,
            confidence: q.best.evidenceConfidence,
            heldSkillLabel: q.best.heldSkill?.preferredLabel.trim() ?? null,
          }
        : null,
    })),
  };
}

/** The dashboard's typed view of the API. */
export interface DashboardApi {
  gaps(whatIf: { credentialId: string; people: number } | null, signal?: AbortSignal): Promise<GapData>;
  /** The whole skill hierarchy as a flat list (nodes carry no demand: join with `gaps`). */
  skillTree(signal?: AbortSignal): Promise<FlatTreeNode[]>;
  pickers(signal?: AbortSignal): Promise<Pickers>;
  /** Postings' date range and demand profiles (cached). */
  postingDemand(signal?: AbortSignal): Promise<PostingDemand>;
  searchRoles(text: string, signal?: AbortSignal): Promise<RoleOption[]>;
  searchCandidates(text: string, signal?: AbortSignal): Promise<{ id: string; name: string }[]>;
  rankCandidates(roleId: string, first: number, after: string | null, signal?: AbortSignal): Promise<RankPage>;
  recommend(candidateId: string, roleId: string, budget: number | null, hours: number | null, signal?: AbortSignal): Promise<Recommendation>;
  /** Issue 20: the catalogue in the API's order with each credential's value (up to 1,000; `truncated` when more). */
  credentialValues(order: CredentialOrder, filter: CredentialFilter, scope: DemandScope, signal?: AbortSignal): Promise<{ rows: CredentialPoint[]; truncated: boolean }>;
  /** Issue 20: one credential's value report. */
  credentialValue(id: string, scope: DemandScope, signal?: AbortSignal): Promise<CredentialReport>;
}

async function allPages<N>(fetchPage: (after: string | null) => Promise<Page<N>>, maxPages: number): Promise<N[]> {
  const out: N[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<N> = await fetchPage(after);
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return out;
}

export function createDashboardApi(client: GraphQLClient): DashboardApi {
  let treeCache: Promise<FlatTreeNode[]> | null = null;
  let pickerCache: Promise<Pickers> | null = null;

  const loadTree = async (): Promise<FlatTreeNode[]> => {
    const reply = await client.request<{ skillTree: { __typename: string; data: SkillTreeReply[]; code?: string; message?: string } }>(SKILL_TREE);
    const nodes = expect(reply.skillTree, 'QuerySkillTreeSuccess', 'skillTree').data;
    return nodes.map((n) => ({ id: n.id, label: n.label, parentId: n.parentId, isGroup: n.isGroup, demand: 0, gap: null }));
  };

  const loadPickers = async (): Promise<Pickers> => {
    const [roles, credentials] = await Promise.all([
      allPages((after) => client.request<{ roles: Page<RoleReply> }>(ROLES, { after }).then((d) => d.roles), 10),
      allPages((after) => client.request<{ credentials: Page<CredentialItem> }>(CREDENTIALS, { after }).then((d) => d.credentials), 10),
    ]);
    return { roles: roles as RoleProfile[], credentials };
  };

  let demandCache: Promise<PostingDemand> | null = null;
  const loadDemand = async (): Promise<PostingDemand> => {
    type Reply = Union<{ from: string | null; to: string | null; count: number; profiles: RoleReply[] }>;
    const reply = await client.request<{ postingDemand: Reply }>(POSTING_DEMAND);
    const d = expect(reply.postingDemand, 'PostingDemand', 'postingDemand');
    return { from: d.from, to: d.to, count: d.count, profiles: d.profiles.map((p) => ({ id: p.id, title: p.title.trim(), requirements: p.requirements })) };
  };

  const postingDemand = (): Promise<PostingDemand> => {
    demandCache ??= loadDemand().catch((e: unknown) => {
      demandCache = null;
      throw e;
    });
    return demandCache;
  };

  return {
    async gaps(whatIf, signal) {
      // the window ends at the last posting (a store of older postings still shows its demand)
      const demand = await postingDemand();
      const reply = await client.request<{ gaps: GapsReply }>(GAPS, { by: 'SKILL', whatIf, to: demand.to }, signal);
      const r = expect(reply.gaps, 'GapReport', 'gaps');
      return {
        from: r.from,
        to: r.to,
        cells: r.cells.map(toCell),
        trends: r.trends.map((t) => ({ skillId: t.skillId, label: t.label.trim(), slope: t.slope, points: t.series.flatMap((p) => (p.share === null ? [] : [{ month: p.month, demand: p.share }])) })), // a month without postings is missing data, not 0%
        whatIf: r.whatIf ? { credentialId: r.whatIf.credentialId, people: r.whatIf.people, after: r.whatIf.after.map(toCell) } : null,
      };
    },
    skillTree() {
      treeCache ??= loadTree().catch((e: unknown) => {
        treeCache = null;
        throw e;
      });
      return treeCache;
    },
    pickers() {
      pickerCache ??= loadPickers().catch((e: unknown) => {
        pickerCache = null;
        throw e;
      });
      return pickerCache;
    },
    postingDemand,
    async searchRoles(text, signal) {
      const reply = await client.request<{ searchRoles: (Pick<RoleOption, 'id' | 'title' | 'code' | 'matched'> & { kind: string })[] }>(SEARCH_ROLES, { text, first: 12 }, signal);
      return reply.searchRoles.map((r) => ({ id: r.id, title: r.title.trim(), kind: r.kind as RoleOption['kind'], code: r.code, matched: r.matched }));
    },
    async searchCandidates(text, signal) {
      const reply = await client.request<{ searchCandidates: Pick<Candidate, 'id' | 'name'>[] }>(SEARCH_CANDIDATES, { text, first: 12 }, signal);
      return reply.searchCandidates;
    },
    async rankCandidates(roleId, first, after, signal) {
      const reply = await client.request<{ rankCandidates: RankReply }>(RANK_CANDIDATES, { roleId, first, after }, signal);
      const r = expect(reply.rankCandidates, 'RankedCandidateConnection', 'rankCandidates');
      return { rows: r.edges.map((e) => toFitRow(e.node)), totalCount: r.totalCount, hasNextPage: r.pageInfo.hasNextPage, endCursor: r.pageInfo.endCursor };
    },
    async recommend(candidateId, roleId, budget, hours, signal) {
      const reply = await client.request<{ recommendCredentials: RecommendReply }>(RECOMMEND, { candidateId, roleId, budget, hours }, signal);
      const r = expect(reply.recommendCredentials, 'Recommendations', 'recommendCredentials');
      return { fitBefore: r.fitBefore, targetFit: r.targetFit, best: toPlan(r.pathway), cheapest: r.cheapest ? toPlan(r.cheapest) : null, fastest: r.fastest ? toPlan(r.fastest) : null };
    },
    async credentialValues(order, filter, scope, signal) {
      const vars = credentialVariables(order, filter, scope);
      const pages = 10;
      let truncated = false;
      const nodes = await allPages(async (after) => {
        const page = (await client.request<CredentialValuesReply>(CREDENTIAL_VALUES, { ...vars, first: 100, after }, signal)).credentials;
        truncated = page.pageInfo.hasNextPage;
        return page;
      }, pages);
      return { rows: nodes.map(toCredentialPoint), truncated };
    },
    async credentialValue(id, scope, signal) {
      const { scope: s } = credentialVariables('VALUE', {}, scope);
      const reply = await client.request<{ credentialValue: Union<CredentialValueFields> }>(CREDENTIAL_VALUE, { id, scope: s }, signal);
      return toCredentialReport(expect(reply.credentialValue, 'CredentialValue', `credential ${id}`));
    },
  };
}
