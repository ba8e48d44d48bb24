/**
 * The privacy budget per API key and period (zCDP: ρ adds up). A release is charged once per key,
 * period and release id: the same release asked again draws the same noise (noise-source.ts), so it
 * tells nothing new and is free. Pure: the time is passed in. The ledger can be exported and merged
 * (union of releases), so a caller can keep it in a store shared by restarts and replicas.
 */
import { checkPrivacyOption, positiveFinite } from './errors.ts';

export interface AccountantOptions {
  /** ρ a key may spend per period. */
  readonly budget: number;
  /** Period length in ms (periods are aligned to the Unix epoch). */
  readonly periodMs: number;
  /** Most keys remembered per period (oldest period's entries go first); default 100,000. */
  readonly maxKeys?: number;
}

export interface Charge {
  readonly ok: boolean;
  /** ρ spent in this period after the charge (before it, when refused). */
  readonly spent: number;
  readonly remaining: number;
  /** When the period ends (ms since epoch). */
  readonly resetsAt: number;
  /** True when this release was already paid for in this period. */
  readonly repeat: boolean;
}

interface Ledger {
  period: number;
  spent: number;
  /** Release id → ρ charged. */
  releases: Map<string, number>;
}

/** A ledger as stored: per key, the current period's releases and their ρ. */
export interface LedgerSnapshot {
  readonly periodMs: number;
  readonly keys: readonly { readonly key: string; readonly period: number; readonly releases: readonly (readonly [string, number])[] }[];
}

export class PrivacyAccountant {
  private readonly ledgers = new Map<string, Ledger>();
  readonly budget: number;
  readonly periodMs: number;
  private readonly maxKeys: number;

  constructor(opts: AccountantOptions) {
    this.budget = checkPrivacyOption('budget', opts.budget, positiveFinite);
    this.periodMs = checkPrivacyOption('periodMs', opts.periodMs, positiveFinite);
    this.maxKeys = opts.maxKeys ?? 100_000;
  }

  /** Charges `rho` for `releaseId` to `key`; refused (nothing charged) when it would exceed the budget. */
  charge(key: string, releaseId: string, rho: number, nowMs: number): Charge {
    checkPrivacyOption('rho', rho, positiveFinite);
    const period = Math.floor(nowMs / this.periodMs);
    const resetsAt = (period + 1) * this.periodMs;
    let ledger = this.ledgers.get(key);
    ledger = this.current(key, period);
    if (ledger.releases.has(releaseId)) return { ok: true, spent: ledger.spent, remaining: this.budget - ledger.spent, resetsAt, repeat: true };
    // a tiny tolerance so that budget / rho equal charges fit exactly despite float sums
    if (ledger.spent + rho > this.budget * (1 + 1e-9)) return { ok: false, spent: ledger.spent, remaining: this.budget - ledger.spent, resetsAt, repeat: false };
    ledger.spent += rho;
    ledger.releases.set(releaseId, rho);
    return { ok: true, spent: ledger.spent, remaining: this.budget - ledger.spent, resetsAt, repeat: false };
  }

  /** Whether `releaseId` is already paid for by `key` in the period of `nowMs` (a free repeat). */
  has(key: string, releaseId: string, nowMs: number): boolean {
    const ledger = this.ledgers.get(key);
    return ledger !== undefined && ledger.period === Math.floor(nowMs / this.periodMs) && ledger.releases.has(releaseId);
  }

  /** The ledgers of the period of `nowMs` (older periods are spent history and dropped). */
  export(nowMs: number): LedgerSnapshot {
    const period = Math.floor(nowMs / this.periodMs);
    const keys = [...this.ledgers].filter(([, l]) => l.period === period).map(([key, l]) => ({ key, period, releases: [...l.releases] }));
    return { periodMs: this.periodMs, keys };
  }

  /** Adds the releases of a stored ledger (another process's, or this one's before a restart). */
  merge(snapshot: LedgerSnapshot, nowMs: number): void {
    if (snapshot.periodMs !== this.periodMs) return; // another period length: not comparable, ignore
    const period = Math.floor(nowMs / this.periodMs);
    for (const entry of snapshot.keys) {
      if (entry.period !== period) continue;
      const ledger = this.current(entry.key, period);
      for (const [id, rho] of entry.releases) {
        if (ledger.releases.has(id) || !(rho > 0) || !Number.isFinite(rho)) continue;
        ledger.releases.set(id, rho);
        ledger.spent += rho;
      }
    }
  }

  private current(key: string, period: number): Ledger {
    let ledger = this.ledgers.get(key);
    if (!ledger || ledger.period !== period) {
      ledger = { period, spent: 0, releases: new Map() };
      this.ledgers.delete(key);
      this.ledgers.set(key, ledger);
      this.evict(period);
    }
    return ledger;
  }

  /** ρ spent by a key in the period of `nowMs`. */
  spent(key: string, nowMs: number): number {
    const ledger = this.ledgers.get(key);
    return ledger && ledger.period === Math.floor(nowMs / this.periodMs) ? ledger.spent : 0;
  }

  private evict(period: number): void {
    if (this.ledgers.size <= this.maxKeys) return;
    for (const [k, l] of this.ledgers) {
      if (l.period < period) this.ledgers.delete(k);
      if (this.ledgers.size <= this.maxKeys) return;
    }
    // every key is in the current period: refusing to forget spent budget, keep them (bounded by keys)
  }
}
