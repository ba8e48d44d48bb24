/**
 * The credentials inside one input to `verify`: a credential (JSON-LD or compact VC-JWT), a JSON array
 * of them, a Verifiable Presentation (each `verifiableCredential`, the presentation's own proof is not a
 * credential), a CLR 2.0 `ClrCredential` (itself, then each credential it carries), or a test-suite
 * wrapper `{ "jwt": "<compact JWT>" }`. Pure.
 */
type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(doc: Json): string[] {
  const type = doc['type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

export interface LocatedDocument {
  /** Where in the input ('' for the input itself, else a JSON path such as `verifiableCredential[1]`). */
  readonly where: string;
  readonly document: unknown;
}

export function credentialsIn(input: unknown, where = ''): LocatedDocument[] {
  const at = (suffix: string): string => (where ? `${where}${suffix.startsWith('[') ? '' : '.'}${suffix}` : suffix);
  if (Array.isArray(input)) return input.flatMap((item, i) => credentialsIn(item, at(`[${i}]`)));
  if (!isObject(input)) return [{ where, document: input }];
  const keys = Object.keys(input);
  if (keys.length === 1 && typeof input['jwt'] === 'string') return [{ where: at('jwt'), document: input['jwt'] }];
  const types = typesOf(input);
  if (types.includes('VerifiablePresentation')) {
    const inner = input['verifiableCredential'];
    const list = inner === undefined ? [] : Array.isArray(inner) ? inner : [inner];
    return list.flatMap((item, i) => credentialsIn(item, at(`verifiableCredential[${i}]`)));
  }
  const out: LocatedDocument[] = [{ where, document: input }];
  if (types.includes('ClrCredential')) {
    const subject = input['credentialSubject'];
    const nested = isObject(subject) ? subject['verifiableCredential'] : undefined;
    const list = nested === undefined ? [] : Array.isArray(nested) ? nested : [nested];
    list.forEach((item, i) => out.push(...credentialsIn(item, at(`credentialSubject.verifiableCredential[${i}]`))));
  }
  return out;
}
