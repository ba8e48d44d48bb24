import type { Principal } from '../app/principal.ts';
import type { Workspace } from '../app/workspace.ts';

/** Per-request context: the application's workspace, the caller and the request's clock reading. */
export interface ApiContext {
  readonly workspace: Workspace;
  readonly principal: Principal | null;
  readonly now: Date;
}
