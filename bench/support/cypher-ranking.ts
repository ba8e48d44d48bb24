import neo4j, { int, type Driver } from 'neo4j-driver';

/**
 * The Cypher ranking of bench/neo4j-store.ts: candidates ranked for a stored role in one Cypher query,
 * against the engine's ranking index. Benchmark support, not a store feature: nothing in the product
 * ranks in Cypher, so it lives here and opens its own driver on the store's server.
 */

/** One ranked candidate of the Cypher ranking. */
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

/** Where the Neo4j store under benchmark listens (the options given to createNeo4jStore). */
export interface CypherRankerOptions {
  readonly uri: string;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
}

export interface CypherRanker {
  /** The `limit` best candidates for the stored role `roleId`, best first (ties by id). */
  rank(roleId: string, limit: number): Promise<CypherFit[]>;
  close(): Promise<void>;
}

/** Opens a driver on the store's server; `rank` runs the query in one read transaction. */
export function createCypherRanker(opts: CypherRankerOptions): CypherRanker {
  if (!opts.uri) throw new Error(`invalid uri: ${JSON.stringify(opts.uri)} (expected a bolt:// or neo4j:// URI)`);
  const auth = opts.user !== undefined ? neo4j.auth.basic(opts.user, opts.password ?? '') : undefined;
  const driver: Driver = neo4j.driver(opts.uri, auth, { userAgent: 'skillgraph-bench' });
  return {
    async rank(roleId, limit) {
      if (!Number.isInteger(limit) || limit <= 0) throw new Error(`invalid limit: ${JSON.stringify(limit)} (expected a positive integer)`);
      const session = driver.session(opts.database ? { database: opts.database } : {});
      try {
        const res = await session.executeRead((tx) => tx.run(RANK, { roleId, limit: int(limit), f: CYPHER_FIT_FACTORS, verified: VERIFIED }));
        return res.records.map((r) => ({ candidateId: r.get('candidateId') as string, fit: Number(r.get('fit') ?? 0) }));
      } finally {
        await session.close();
      }
    },
    close: () => driver.close(),
  };
}
