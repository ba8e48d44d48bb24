import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from './clock.ts';
import type { ApiRole, Principal } from './principal.ts';

/** What the store keeps of a key: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly hash: string;
  readonly role: ApiRole;
  readonly organisationId: string | null;
  readonly candidateId: string | null;
  readonly createdAt: string;
  readonly revoked: boolean;
}

/** The persistence the key ring needs (a GraphStore satisfies it). */
export interface KeyStorage {
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

const META_KEY = 'api-keys';
const PREFIX = 'sg_';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface NewKeySpec {
  readonly role: ApiRole;
  readonly organisationId?: string | null;
  readonly candidateId?: string | null;
}

/**
 * API keys with roles. Keys are random 32-byte secrets shown once; only their hashes are stored
 * (in the store's metadata, so every API replica sees the same keys).
 */
export class KeyRing {
  private records: ApiKeyRecord[] = [];
  private byHash = new Map<string, ApiKeyRecord>();
  private loadedAt = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly storage: KeyStorage,
    private readonly clock: Clock,
  ) {}

  /** `clock` times the re-reads of `authenticateFresh` (tests pass a fixed one). */
  static async open(storage: KeyStorage, clock: Clock = systemClock): Promise<KeyRing> {
    const ring = new KeyRing(storage, clock);
    await ring.reload();
    return ring;
  }

  async reload(): Promise<void> {
    const raw = await this.storage.getMeta(META_KEY);
    this.records = raw ? (JSON.parse(raw) as ApiKeyRecord[]) : [];
    this.byHash = new Map(this.records.map((r) => [r.hash, r]));
    this.loadedAt = this.clock().getTime();
  }

  /**
   * Like `authenticate`, but re-reads the stored keys when the copy in memory is older than `staleMs`
   * (and at once for an unknown key, at most once per `unknownMs`), so a key created or revoked by
   * another process or API replica takes effect within `staleMs`.
   */
  async authenticateFresh(presented: string | null | undefined, staleMs = 5_000, unknownMs = 1_000): Promise<Principal | null> {
    if (!presented) return null;
    const age = this.clock().getTime() - this.loadedAt;
    if (age >= staleMs) await this.reload();
    const known = this.authenticate(presented);
    if (known || age < unknownMs) return known;
    await this.reload();
    return this.authenticate(presented);
  }

  list(): readonly ApiKeyRecord[] {
    return this.records;
  }

  /** Creates a key; returns the secret (shown once) and its stored record. */
  async create(spec: NewKeySpec, now: Date): Promise<{ key: string; record: ApiKeyRecord }> {
    if (spec.role === 'employer' && !spec.organisationId) throw new Error('invalid key: an employer key needs an organisation');
    if (spec.role === 'learner' && !spec.candidateId) throw new Error('invalid key: a learner key needs a candidate');
    const key = PREFIX + randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = {
      id: `key_${randomBytes(6).toString('hex')}`,
      hash: hashKey(key),
      role: spec.role,
      organisationId: spec.role === 'employer' ? (spec.organisationId ?? null) : null,
      candidateId: spec.role === 'learner' ? (spec.candidateId ?? null) : null,
      createdAt: now.toISOString(),
      revoked: false,
    };
    await this.update((records) => [...records, record]);
    return { key, record };
  }

  async revoke(id: string): Promise<boolean> {
    let found = false;
    await this.update((records) => {
      found = records.some((r) => r.id === id && !r.revoked);
      return found ? records.map((r) => (r.id === id ? { ...r, revoked: true } : r)) : records;
    });
    return found;
  }

  /** The principal of a presented key, or null when unknown or revoked. */
  authenticate(presented: string | null | undefined): Principal | null {
    if (!presented || !presented.startsWith(PREFIX)) return null;
    const hash = hashKey(presented);
    const record = this.byHash.get(hash);
    if (!record || record.revoked) return null;
    if (!timingSafeEqual(Buffer.from(record.hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
    return { keyId: record.id, role: record.role, organisationId: record.organisationId, candidateId: record.candidateId };
  }

  /**
   * Read-modify-write of the key list, one at a time: concurrent creates/revokes each see the
   * previous one's result (without this, two concurrent createApiKey calls lost one key).
   */
  private update(change: (records: ApiKeyRecord[]) => ApiKeyRecord[]): Promise<void> {
    const run = this.writing.then(async () => {
      await this.reload(); // start from what is stored: another process may have written since
      const records = change(this.records);
      if (records === this.records) return;
      await this.storage.setMeta(META_KEY, JSON.stringify(records));
      this.records = records;
      this.byHash = new Map(records.map((r) => [r.hash, r]));
    });
    this.writing = run.catch(() => {});
    return run;
  }
}
