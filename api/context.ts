import type { Principal } from './auth/principal.ts';
import type { Services } from './services/services.ts';

/** Per-request context: the composed services, the caller and the request's clock reading. */
export interface ApiContext {
  readonly services: Services;
  readonly principal: Principal | null;
  readonly now: Date;
}
