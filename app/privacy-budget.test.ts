import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { PrivacyBudget, privacySecret } from './privacy-budget.ts';

const day = 86_400_000;
const opts = { budget: 0.2, periodMs: day, rhoPerQuery: 0.1 };

describe('PrivacyBudget over a real SQLite store', () => {
  it('two processes sharing a store share each key’s budget; a repeat is free', async () => {
    const store = await createSqliteStore(':memory:');
    try {
      const a = new PrivacyBudget(store, opts);
      const b = new PrivacyBudget(store, opts);
      const t = 20 * day;
      expect((await a.spend('k', 'q1', t)).ok).toBe(true);
      expect((await b.spend('k', 'q2', t)).ok).toBe(true);
      // a sees b's charge through the store: the third release is over the budget on either side
      expect((await a.spend('k', 'q3', t)).ok).toBe(false);
      expect((await b.spend('k', 'q3', t)).ok).toBe(false);
      expect(await a.spend('k', 'q1', t)).toMatchObject({ ok: true, repeat: true });
      // a restart (a new budget over the same store) keeps it; the next day starts afresh
      const restarted = new PrivacyBudget(store, opts);
      expect((await restarted.spend('k', 'q4', t)).ok).toBe(false);
      expect((await restarted.spend('k', 'q4', t + day)).ok).toBe(true);
      // concurrent charges from one process are applied one at a time
      const c = new PrivacyBudget(store, opts);
      const results = await Promise.all(['x1', 'x2', 'x3', 'x4'].map((id) => c.spend('j', id, t)));
      expect(results.filter((r) => r.ok).length).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('an unreadable stored ledger does not break charging', async () => {
    const store = await createSqliteStore(':memory:');
    try {
      await store.setMeta('dp-ledger', '{not json');
      expect((await new PrivacyBudget(store, opts).spend('k', 'q', 0)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('privacySecret(store, fromEnv)', () => {
  it('uses the environment’s secret when given, else makes one once and keeps it', async () => {
    const store = await createSqliteStore(':memory:');
    try {
      expect(await privacySecret(store, 'from-env')).toBe('from-env');
      const made = await privacySecret(store, undefined);
      expect(made).toMatch(/^[0-9a-f]{64}$/);
      expect(await privacySecret(store, undefined)).toBe(made);
    } finally {
      await store.close();
    }
  });
});
