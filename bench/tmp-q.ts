export const RANK_QUERY_TEXT = `query Rank($roleId: ID!, $first: Int) {
  rankCandidates(roleId: $roleId, first: $first) {
    __typename
    ... on RankedCandidateConnection {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        score
        node {
          fit
          candidate { id name }
          requirements {
            label essential coverage verifiedCoverage
            best { match similarity evidenceKind verification credential { id name } heldSkill { id preferredLabel } }
          }
        }
      }
    }
    ... on Error { message }
  }
}`;
