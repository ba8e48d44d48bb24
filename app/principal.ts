/** Who is calling: the role of their API key and its scope. */
export const ApiRoles = ['admin', 'employer', 'learner', 'planner'] as const;
export type ApiRole = (typeof ApiRoles)[number];

export interface Principal {
  readonly keyId: string;
  readonly role: ApiRole;
  /** employer keys: the organisation they act for. */
  readonly organisationId: string | null;
  /** learner keys: the one candidate they are. */
  readonly candidateId: string | null;
}

/**
 * The operator at the command line: whoever can open the store file (or holds the Neo4j credentials)
 * already has all of it, so the CLI runs the use-cases as an administrator.
 */
export const localOperator: Principal = { keyId: 'local', role: 'admin', organisationId: null, candidateId: null };
