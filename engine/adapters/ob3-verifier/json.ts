/** Small helpers for reading untrusted JSON. */
export type Json = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `x` or `x.id`, when it is a string. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['id'] === 'string') return value['id'];
  return undefined;
}

/** The first credential subject's id. */
export function subjectId(credential: Json): string | undefined {
  const subject = credential['credentialSubject'];
  return idOf(Array.isArray(subject) ? subject[0] : subject);
}

/** Every context URL named anywhere in the document (`@context` strings, at any depth). */
export function contextUrls(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) contextUrls(item, out);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '@context') {
        for (const entry of Array.isArray(child) ? child : [child]) {
          if (typeof entry === 'string') out.add(entry);
          else contextUrls(entry, out);
        }
      } else {
        contextUrls(child, out);
      }
    }
  }
  return out;
}

/** The innermost useful message of an error from jsonld-signatures (which nests `errors`). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error || isObject(error)) {
    const nested = (error as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length > 0) return nested.map(errorMessage).join('; ');
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}
