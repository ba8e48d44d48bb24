/**
 * The privacy budget of the gap aggregates as the application keeps it (issue 17, docs/SECURITY.md):
 * the engine's `PrivacyAccountant` with its ledger in the store's metadata, merged (a union of
 * releases) before each new charge and written after it, one charge at a time, so restarts and
 * replicas sharing a store share each key's budget. Also the noise secret, made once per store.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { PrivacyAccountant, type Charge, type LedgerSnapshot } from '../engine/privacy/accountant.ts';
import type { Prf } from '../engine/privacy/noise-source.ts';

/** What the budget needs of a store (a GraphStore satisfies it). */
export interface MetaStore {
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

const LEDGER_META = 'dp-ledger';
const SECRET_META = 'dp-secret';

export interface PrivacyBudgetOptions {
  /** ρ a key may spend per period. */
  readonly budget: number;
  readonly periodMs: number;
  /** ρ of one release. */
  readonly rhoPerQuery: number;
}

export class PrivacyBudget {
  private readonly accountant: PrivacyAccountant;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: MetaStore,
    readonly options: PrivacyBudgetOptions,
  ) {
    this.accountant = new PrivacyAccountant({ budget: options.budget, periodMs: options.periodMs });
  }

  /** Charges one release to `key` (free when already paid for this period); `ok: false` when over budget. */
  async spend(key: string, releaseId: string, nowMs: number): Promise<Charge> {
    if (this.accountant.has(key, releaseId, nowMs)) return this.accountant.charge(key, releaseId, this.options.rhoPerQuery, nowMs);
    const run = this.writes.then(async () => {
      const stored = await this.store.getMeta(LEDGER_META);
      if (stored) {
        try {
          this.accountant.merge(JSON.parse(stored) as LedgerSnapshot, nowMs);
        } catch {
          // an unreadable ledger is overwritten below with what this process knows
        }
      }
      const c = this.accountant.charge(key, releaseId, this.options.rhoPerQuery, nowMs);
      if (c.ok && !c.repeat) await this.store.setMeta(LEDGER_META, JSON.stringify(this.accountant.export(nowMs)));
      return c;
    });
    this.writes = run.catch(() => {});
    return run;
  }
}

/** The noise secret: `$SKILLGRAPH_DP_SECRET` when given, else one made on first use and kept in the store. */
export async function privacySecret(store: MetaStore, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const kept = await store.getMeta(SECRET_META);
  if (kept) return kept;
  const made = randomBytes(32).toString('hex');
  await store.setMeta(SECRET_META, made);
  return made;
}

/** Differential privacy of the gap aggregates released to non-admin callers (docs/SECURITY.md). */
export interface PrivacyOptions {
  /** Server secret keying the noise; default $SKILLGRAPH_DP_SECRET, else one generated and kept in the store. */
  readonly secret?: string;
  /** zCDP ρ of one released gap query. */
  readonly rhoPerQuery?: number;
  /** ρ per API key per period. */
  readonly budget?: number;
  readonly periodMs?: number;
}

/**
 * Defaults: ρ 0.05 per released query (ε ≈ 1.7), ρ 0.5 per key per day (ε ≈ 5.8), at δ = 10⁻⁶.
 * api/limits.ts states them as the API's limits.
 */
export const DEFAULT_PRIVACY = { rhoPerQuery: 0.05, budget: 0.5, periodMs: 86_400_000 } as const;

/**
 * A process's private releases: the budget ledger (in the store), the keyed noise (its secret read
 * or made on first use, so processes that never release anything never touch it) and the nonce that
 * starts a new series of release ids per process: a data-version counter reset to 0 by a restart over
 * changed data would otherwise draw the old noise again, and the difference would be exact.
 */
export class ReleasePrivacy {
  readonly rhoPerQuery: number;
  readonly budget: PrivacyBudget;
  readonly nonce = randomBytes(8).toString('hex');
  private prfMade: Promise<Prf> | null = null;

  constructor(
    private readonly store: MetaStore,
    private readonly options: PrivacyOptions = {},
  ) {
    this.rhoPerQuery = options.rhoPerQuery ?? DEFAULT_PRIVACY.rhoPerQuery;
    this.budget = new PrivacyBudget(store, { budget: options.budget ?? DEFAULT_PRIVACY.budget, periodMs: options.periodMs ?? DEFAULT_PRIVACY.periodMs, rhoPerQuery: this.rhoPerQuery });
  }

  /** The keyed PRF of the noise (HMAC-SHA-256 under the secret). */
  prf(): Promise<Prf> {
    this.prfMade ??= (async () => {
      const secret = this.options.secret ?? (await privacySecret(this.store, process.env['SKILLGRAPH_DP_SECRET']));
      return (message: string) => createHmac('sha256', secret).update(message).digest();
    })();
    return this.prfMade;
  }
}
