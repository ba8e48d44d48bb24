/**
 * Credential status entries and status lists, decoded without any I/O: W3C Bitstring Status List
 * (`BitstringStatusListEntry`), its predecessor StatusList2021 (`StatusList2021Entry`), and the 1EdTech
 * revocation list (`1EdTechRevocationList`, OB 3.0 / CLR 2.0). Lists are gzip-compressed bitstrings,
 * base64url (multibase `u` prefix for Bitstring Status List); bit 0 is the most significant bit of byte 0.
 */
type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type StatusEntry =
  | { readonly kind: 'bitstring'; readonly type: string; readonly listUrl: string; readonly index: number; readonly purpose: string }
  | { readonly kind: 'revocation-list'; readonly type: string; readonly listUrl: string; readonly credentialId: string | undefined }
  | { readonly kind: 'unsupported'; readonly type: string; readonly why: string };

const BITSTRING_TYPES = new Set(['BitstringStatusListEntry', 'StatusList2021Entry']);
const REVOCATION_LIST_TYPES = new Set(['1EdTechRevocationList', 'RevocationList']);

function typesOf(node: Json): string[] {
  const type = node['type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** The credential's `credentialStatus` entries (object or array), each read or marked unsupported. */
export function readStatusEntries(credential: Json): StatusEntry[] {
  const raw = credential['credentialStatus'];
  if (raw === undefined || raw === null) return [];
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(isObject);
  return entries.map((entry): StatusEntry => {
    const types = typesOf(entry);
    const type = types.join(',') || '(no type)';
    if (types.some((t) => BITSTRING_TYPES.has(t))) {
      const listUrl = entry['statusListCredential'];
      const index = Number(entry['statusListIndex']);
      if (typeof listUrl !== 'string') return { kind: 'unsupported', type, why: 'statusListCredential is missing' };
      if (!Number.isSafeInteger(index) || index < 0) return { kind: 'unsupported', type, why: `statusListIndex ${JSON.stringify(entry['statusListIndex'])} is not a non-negative integer` };
      const purpose = typeof entry['statusPurpose'] === 'string' ? entry['statusPurpose'] : 'revocation';
      return { kind: 'bitstring', type, listUrl, index, purpose };
    }
    if (types.some((t) => REVOCATION_LIST_TYPES.has(t))) {
      const listUrl = typeof entry['id'] === 'string' ? entry['id'] : undefined;
      if (!listUrl) return { kind: 'unsupported', type, why: 'revocation list entry has no id' };
      return { kind: 'revocation-list', type, listUrl, credentialId: typeof credential['id'] === 'string' ? credential['id'] : undefined };
    }
    return { kind: 'unsupported', type, why: `status type ${type} is not supported` };
  });
}

/**
 * The bitstring of a status list credential's subject, or a string saying why not. `gunzip` is passed in
 * (the engine does no I/O and imports no runtime modules).
 */
export function decodeStatusList(listCredential: Json, entry: { readonly purpose: string }, gunzip: (bytes: Uint8Array) => Uint8Array): Uint8Array | string {
  const subject = Array.isArray(listCredential['credentialSubject']) ? listCredential['credentialSubject'][0] : listCredential['credentialSubject'];
  if (!isObject(subject)) return 'status list credential has no credentialSubject';
  const types = typesOf(subject);
  if (!types.includes('BitstringStatusList') && !types.includes('StatusList2021')) return `status list subject type ${types.join(',') || '(none)'} is neither BitstringStatusList nor StatusList2021`;
  const purposes = subject['statusPurpose'];
  const purposeList = (Array.isArray(purposes) ? purposes : [purposes]).filter((p): p is string => typeof p === 'string');
  if (purposeList.length > 0 && !purposeList.includes(entry.purpose)) return `status list purpose ${purposeList.join(',')} differs from the entry's ${entry.purpose}`;
  const encoded = subject['encodedList'];
  if (typeof encoded !== 'string' || encoded.length === 0) return 'status list has no encodedList';
  const text = encoded.startsWith('u') ? encoded.slice(1) : encoded;
  try {
    return gunzip(base64UrlBytes(text));
  } catch {
    return 'encodedList is not base64url-encoded gzip';
  }
}

/** The bit at `index` (0 = most significant bit of the first byte), or null when out of range. */
export function bitAt(bits: Uint8Array, index: number): 0 | 1 | null {
  const byte = bits[index >> 3];
  if (byte === undefined) return null;
  return ((byte >> (7 - (index & 7))) & 1) as 0 | 1;
}

/** Whether a 1EdTech / OB2 revocation list names `credentialId` (in `revokedCredentials` or `revokedAssertions`). */
export function revocationListHas(list: Json, credentialId: string): { readonly revoked: boolean; readonly reason?: string } {
  for (const field of ['revokedCredentials', 'revokedAssertions']) {
    const items = list[field];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (item === credentialId) return { revoked: true };
      if (isObject(item) && item['id'] === credentialId) {
        return typeof item['revocationReason'] === 'string' ? { revoked: true, reason: item['revocationReason'] } : { revoked: true };
      }
    }
  }
  return { revoked: false };
}

function base64UrlBytes(text: string): Uint8Array {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
