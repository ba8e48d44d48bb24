import { int, type ManagedTransaction } from 'neo4j-driver';
import { toNumberOrNull } from './values.ts';

/** One ranked candidate of `rankCandidatesByCypher`. */
export interface CypherFit {
  readonly candidateId: string;
  readonly fit: number;
}

/**
 * Evidence factors of the Cypher ranking (a simplified fit, DESIGN.md §4): a credential's link
 * confidence times 1 when the award is verified (0.6 otherwise); a self-claim counts half; evidence
 * (claimed or taught) on a skill one level narrower than the requirement counts 0.8. Per requirement the
 * best evidence counts; fit = Σ weight × coverage / Σ weight. This is the engine's fit with
 * `combine: 'max'`, no recency decay, those verification weights, `maxDistance: 1`, no broader or
 * related credit and only the coverage signal (bench/neo4j-store.ts checks that they agree).
 */
export const CYPHER_FIT_FACTORS = { verified: 1, unverified: 0.6, claim: 0.5, narrower: 0.8 } as const;

const VERIFIED = ['verified', 'hosted-verified'];

const RANK = `
  MATCH (r:Role {id: $roleId})-[q:NEEDS]->(s:Skill)
  WITH collect({s: s, w: q.weight}) AS reqs, sum(q.weight) AS total
  UNWIND reqs AS req
  WITH req.s AS s, req.w AS w, total
  CALL {
    WITH s
    MATCH (c:Candidate)-[cl:CLAIMS]->(s) RETURN c, cl.weight * $f.claim AS conf
    UNION ALL
    WITH s
    MATCH (c:Candidate)-[cl:CLAIMS]->(:Skill)-[:BROADER]->(s) RETURN c, $f.narrower * cl.weight * $f.claim AS conf
    UNION ALL
    WITH s
    MATCH (c:Candidate)-[:HOLDS]->(a:Award)-[:OF]->(:Credential)-[t:TEACHES]->(s)
    RETURN c, t.weight * CASE WHEN a.verification IN $verified THEN $f.verified ELSE $f.unverified END AS conf
    UNION ALL
    WITH s
    MATCH (c:Candidate)-[:HOLDS]->(a:Award)-[:OF]->(:Credential)-[t:TEACHES]->(:Skill)-[:BROADER]->(s)
    RETURN c, $f.narrower * t.weight * CASE WHEN a.verification IN $verified THEN $f.verified ELSE $f.unverified END AS conf
  }
  WITH c, s, w, total, max(conf) AS coverage
  WITH c, total, sum(w * coverage) AS score
  RETURN c.id AS candidateId, score / total AS fit
  ORDER BY fit DESC, candidateId
  LIMIT $limit`;

/** Ranks candidates for a stored role entirely in Cypher (the benchmark's server-side ranking). */
export async function rankCandidatesByCypher(tx: ManagedTransaction, roleId: string, limit: number): Promise<CypherFit[]> {
  const res = await tx.run(RANK, { roleId, limit: int(limit), f: CYPHER_FIT_FACTORS, verified: VERIFIED });
  return res.records.map((r) => ({ candidateId: r.get('candidateId') as string, fit: toNumberOrNull(r.get('fit')) ?? 0 }));
}
