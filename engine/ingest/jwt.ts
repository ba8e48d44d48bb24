/**
 * VC-JWT / VC-JOSE compact serialisation: `header.payload.signature`. At ingest the payload is only DECODED
 * (never verified: that is the verifier's job, which gets the compact string back as `raw`). A VC-JWT 1.1
 * payload carries the credential in its `vc` claim; a VC-JOSE 2.0 payload is the credential itself.
 */
import { IngestError, IngestErrorCode } from './errors.ts';
import { isObject, type JsonObject } from './values.ts';

/** A compact JWS whose header is base64url JSON (`eyJ` = `{"`), so plain text with two dots is never mistaken for one. */
const COMPACT_JWS = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function isCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text.trim());
}

/** The credential inside a compact JWS, or INVALID_FIELD when the payload is not a JSON credential. */
export function credentialFromJws(text: string): { credential: JsonObject; header: JsonObject } {
  const [h, p] = text.trim().split('.');
  const header = decodePart(h!, 'header');
  const payload = decodePart(p!, 'payload');
  const vc = isObject(payload['vc']) ? payload['vc'] : payload;
  if (!isObject(vc['credentialSubject'])) throw new IngestError(IngestErrorCode.UnknownFormat, 'the JWT payload holds no verifiable credential (no vc claim or credentialSubject)', { path: 'payload' });
  // VC-JWT 1.1 registered claims stand in for VC fields when absent.
  const credential: JsonObject = { ...vc };
  if (credential['id'] === undefined && typeof payload['jti'] === 'string') credential['id'] = payload['jti'];
  if (credential['issuer'] === undefined && typeof payload['iss'] === 'string') credential['issuer'] = payload['iss'];
  if (credential['validFrom'] === undefined && credential['issuanceDate'] === undefined && typeof payload['nbf'] === 'number') credential['validFrom'] = new Date(payload['nbf'] * 1000).toISOString();
  if (credential['validUntil'] === undefined && credential['expirationDate'] === undefined && typeof payload['exp'] === 'number') credential['validUntil'] = new Date(payload['exp'] * 1000).toISOString();
  return { credential, header };
}

function decodePart(part: string, name: string): JsonObject {
  let json: unknown;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
  } catch (e) {
    throw new IngestError(IngestErrorCode.InvalidJson, `the JWT ${name} is not base64url-encoded JSON`, { path: name }, { cause: e });
  }
  if (!isObject(json)) throw new IngestError(IngestErrorCode.InvalidField, `the JWT ${name} must be a JSON object`, { path: name });
  return json;
}
