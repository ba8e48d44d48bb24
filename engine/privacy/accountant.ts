/**
 * The privacy budget per API key and period (zCDP: ρ adds up). A release is charged once per key,
 * period and release id: the same release asked again draws the same noise (noise-source.ts), so it
 * tells nothing new and is free. Pure: the time is passed in. Held in memory — each API replica
 * keeps its own ledger (docs/SECURITY.md).
 */
import { PrivacyError, PrivacyErrorCode } from './errors.ts';

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
  releases: Set<string>;
}

export class PrivacyAccountant {
  private readonly ledgers = new Map<string, Ledger>();
  readonly budget: number;
  readonly periodMs: number;
  private readonly maxKeys: number;

  constructor(opts: AccountantOptions) {
    if (!(opts.budget > 0) || !Number.isFinite(opts.budget)) throw new PrivacyError(PrivacyErrorCode.InvalidOption, `invalid budget: ${opts.budget}`);
    if (!(opts.periodMs > 0) || !Number.isFinite(opts.periodMs)) throw new PrivacyError(PrivacyErrorCode.InvalidOption, `invalid periodMs: ${opts.periodMs}`);
    this.budget = opts.budget;
    this.periodMs = opts.periodMs;
    this.maxKeys = opts.maxKeys ?? 100_000;
  }

  /** Charges `rho` for `releaseId` to `key`; refused (nothing charged) when it would exceed the budget. */
  charge(key: string, releaseId: string, rho: number, nowMs: number): Charge {
    if (!(rho > 0) || !Number.isFinite(rho)) throw new PrivacyError(PrivacyErrorCode.InvalidOption, `invalid rho: ${rho}`);
    const period = Math.floor(nowMs / this.periodMs);
    const resetsAt = (period + 1) * this.periodMs;
    let ledger = this.ledgers.get(key);
    if (!ledger || ledger.period !== period) {
      ledger = { period, spent: 0, releases: new Set() };
      this.ledgers.delete(key);
      this.ledgers.set(key, ledger);
      this.evict(period);
    }
    if (ledger.releases.has(releaseId)) return { ok: true, spent: ledger.spent, remaining: this.budget - ledger.spent, resetsAt, repeat: true };
    // a tiny tolerance so that budget / rho equal charges fit exactly despite float sums
    if (ledger.spent + rho > this.budget * (1 + 1e-9)) return { ok: false, spent: ledger.spent, remaining: this.budget - ledger.spent, resetsAt, repeat: false };
    ledger.spent += rho;
    ledger.releases.add(releaseId);
    return { ok: true, spent: ledger.spent, remaining: this.budget - ledger.spent, resetsAt, repeat: false };
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
