/**
 * The privacy budget of the gap aggregates as the application keeps it (issue 17, docs/SECURITY.md):
 * the engine's `PrivacyAccountant` with its ledger in the store's metadata, merged (a union of
 * releases) before each new charge and written after it, one charge at a time, so restarts and
 * replicas sharing a store share each key's budget. Also the noise secret, made once per store.
 */
import { randomBytes } from 'node:crypto';
import { PrivacyAccountant, type Charge, type LedgerSnapshot } from '../engine/privacy/accountant.ts';

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
