import { createOb3Verifier } from '../engine/adapters/ob3-verifier/index.ts';
import { openFolderStore } from '../engine/adapters/verify-store/folder-store.ts';
import { verifyInput, type VerifyReport } from '../engine/verify/report.ts';
import type { CredentialVerifier } from '../engine/verify/verifier.ts';
import { requireRole } from './access.ts';
import { InvalidInputError } from './errors.ts';
import { ApiRoles, type Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/**
 * The credential verifier of a running skillgraph: offline (bundled contexts, did:key keys), reading
 * status lists and issuer keys from the verification store folder when one is named (filled by
 * `skillgraph verify-store add|fetch`); without one, a credential with a credentialStatus is verified
 * with its status unknown.
 */
export function createVerifier(storeDir?: string): CredentialVerifier {
  return createOb3Verifier(storeDir ? { store: openFolderStore(storeDir) } : {});
}

/**
 * Verifies a credential document offline, storing nothing: every credential in it (a presentation or
 * a CLR carries several) with its one-word outcome and checks (proof and dates, then status, then the
 * issuer binding), and the most severe outcome for the whole input. Any key; the workspace's verifier
 * (the offline one without a store when the workspace has none). The CLI passes `{ verifier }` alone:
 * verifying a file needs no store.
 */
export async function verifyCredential(ws: Pick<Workspace, 'verifier'>, principal: Principal | null, document: unknown, now: Date): Promise<VerifyReport> {
  requireRole(principal, ApiRoles, 'verifying a credential');
  if (document === null || document === undefined || (typeof document === 'string' && document.trim() === '')) throw new InvalidInputError('the document is empty', 'document');
  return verifyInput(ws.verifier ?? createVerifier(), document, now);
}
