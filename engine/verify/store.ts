/**
 * Port for what offline verification may consult besides the document: status list credentials and
 * revocation lists (by the URL credentials name them with) and verification methods (keys) of issuers
 * that are not did:key. Filled by an explicit command (`skillgraph verify-store add`); never fetched
 * by the verifier itself.
 */
export interface VerificationStore {
  /** The status list credential / revocation list stored for `url`, or undefined. */
  statusList(url: string): Promise<unknown>;
  /** The verification method document (`{ id, controller, type, publicKeyJwk | publicKeyMultibase }`) stored for `id`. */
  verificationMethod(id: string): Promise<unknown>;
  /** Ids of the stored verification methods whose controller is `controller`. */
  methodsOf(controller: string): Promise<readonly string[]>;
}
