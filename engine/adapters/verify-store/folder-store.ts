/**
 * The verification store as a folder: status list credentials / revocation lists (by the URL
 * credentials name them with) and public verification methods (by id), each a JSON file, listed in
 * `index.json`. Filled only by an explicit command (`skillgraph verify-store add`); the verifier reads it
 * and never fetches. Adding refuses private key material and documents that are neither a status list
 * nor a key, and changes nothing when it refuses.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyError } from '../../verify/errors.ts';
import type { VerificationStore } from '../../verify/store.ts';

type Json = Record<string, unknown>;

interface StoreIndex {
  statusLists: Record<string, string>;
  methods: Record<string, string>;
}

const LIST_TYPES = new Set(['BitstringStatusListCredential', 'StatusList2021Credential', '1EdTechRevocationList', 'RevocationList']);
const PRIVATE_MEMBERS = ['privateKeyJwk', 'privateKeyMultibase', 'secretKeyMultibase', 'privateKeyBase58'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(doc: Json): string[] {
  const type = doc['type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

function isMethod(doc: Json): boolean {
  return isObject(doc['publicKeyJwk']) || typeof doc['publicKeyMultibase'] === 'string';
}

function hasPrivateKey(doc: unknown): boolean {
  if (Array.isArray(doc)) return doc.some(hasPrivateKey);
  if (!isObject(doc)) return false;
  if (PRIVATE_MEMBERS.some((m) => m in doc)) return true;
  if (isObject(doc['publicKeyJwk']) && 'd' in doc['publicKeyJwk']) return true;
  return Object.values(doc).some(hasPrivateKey);
}

export interface AddResult {
  readonly kind: 'status-list' | 'verification-method';
  readonly key: string;
}

export interface FolderStore extends VerificationStore {
  readonly dir: string;
  /**
   * Adds a status list (stored under `as`, default its `id`), a verification method, or a DID /
   * controller document's methods. Throws a VerifyError (`verifyError`, INVALID_CREDENTIAL) and writes nothing for anything else.
   */
  add(doc: unknown, as?: string): AddResult[];
}

export function openFolderStore(dir: string): FolderStore {
  const indexPath = join(dir, 'index.json');
  const readIndex = (): StoreIndex => {
    if (!existsSync(indexPath)) return { statusLists: {}, methods: {} };
    const parsed = JSON.parse(readFileSync(indexPath, 'utf8')) as Partial<StoreIndex>;
    return { statusLists: parsed.statusLists ?? {}, methods: parsed.methods ?? {} };
  };
  const readEntry = (file: string | undefined): unknown => (file === undefined ? undefined : JSON.parse(readFileSync(join(dir, file), 'utf8')));
  const fileFor = (key: string): string => `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;

  function plan(doc: unknown, as: string | undefined): Array<{ kind: AddResult['kind']; key: string; doc: Json }> {
    if (!isObject(doc)) throw verifyError('INVALID_CREDENTIAL', { problem: 'not a JSON object' });
    if (hasPrivateKey(doc)) throw verifyError('INVALID_CREDENTIAL', { problem: 'contains private key material; add only public keys' });
    if (typesOf(doc).some((t) => LIST_TYPES.has(t))) {
      const key = as ?? (typeof doc['id'] === 'string' ? doc['id'] : undefined);
      if (!key) throw verifyError('INVALID_CREDENTIAL', { problem: 'field id: status list has no id; give the URL credentials name it with' }, 'id');
      return [{ kind: 'status-list', key, doc }];
    }
    if (isMethod(doc)) {
      if (typeof doc['id'] !== 'string') throw verifyError('INVALID_CREDENTIAL', { problem: 'field id: verification method has no id' }, 'id');
      if (typeof doc['controller'] !== 'string') throw verifyError('INVALID_CREDENTIAL', { problem: 'field controller: verification method has no controller' }, 'controller');
      return [{ kind: 'verification-method', key: doc['id'], doc }];
    }
    const methods = doc['verificationMethod'];
    if (Array.isArray(methods) && typeof doc['id'] === 'string') {
      const controller = doc['id'];
      return methods.filter(isObject).filter(isMethod).map((m) => {
        const id = typeof m['id'] === 'string' ? (m['id'].startsWith('#') ? `${controller}${m['id']}` : m['id']) : undefined;
        if (!id) throw verifyError('INVALID_CREDENTIAL', { problem: 'field verificationMethod: a verification method has no id' }, 'verificationMethod');
        return { kind: 'verification-method' as const, key: id, doc: { ...m, id, controller: typeof m['controller'] === 'string' ? m['controller'] : controller } };
      });
    }
    throw verifyError('INVALID_CREDENTIAL', { problem: `field type: neither a status list (${[...LIST_TYPES].join(', ')}) nor a public verification method / DID document` }, 'type');
  }

  return {
    dir,
    add(doc, as) {
      const entries = plan(doc, as);
      if (entries.length === 0) throw verifyError('INVALID_CREDENTIAL', { problem: 'field verificationMethod: no public verification method in the document' }, 'verificationMethod');
      mkdirSync(dir, { recursive: true });
      const index = readIndex();
      for (const entry of entries) {
        const file = fileFor(`${entry.kind}:${entry.key}`);
        writeFileSync(join(dir, file), `${JSON.stringify(entry.doc, null, 2)}\n`);
        (entry.kind === 'status-list' ? index.statusLists : index.methods)[entry.key] = file;
      }
      writeFileSync(`${indexPath}.tmp`, `${JSON.stringify(index, null, 2)}\n`);
      renameSync(`${indexPath}.tmp`, indexPath);
      return entries.map(({ kind, key }) => ({ kind, key }));
    },
    async statusList(url) {
      return readEntry(readIndex().statusLists[url]);
    },
    async verificationMethod(id) {
      return readEntry(readIndex().methods[id]);
    },
    async methodsOf(controller) {
      const index = readIndex();
      return Object.keys(index.methods).filter((id) => {
        const doc = readEntry(index.methods[id]);
        return isObject(doc) && doc['controller'] === controller;
      });
    },
  };
}
