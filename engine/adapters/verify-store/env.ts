/**
 * Verifier options from the environment: `SKILLGRAPH_VERIFY_STORE` names the verification store folder
 * (status lists and issuer keys, filled by `skillgraph verify-store add|fetch`); unset → no store, and
 * credentials with a credentialStatus are verified with "status unknown".
 */
import type { Ob3VerifierOptions } from '../ob3-verifier/verifier.ts';
import { openFolderStore } from './folder-store.ts';

export function verifierOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Ob3VerifierOptions {
  const dir = env['SKILLGRAPH_VERIFY_STORE'];
  return dir ? { store: openFolderStore(dir) } : {};
}
