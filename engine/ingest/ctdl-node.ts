/**
 * CTDL JSON-LD normalisation: every accepted shape (prefixed `ceterms:name`, expanded full IRIs with
 * `[{"@value", "@language"}]`, unprefixed keys, `@graph`, arrays, concatenated documents, registry
 * envelopes with `decoded_resource`, CTDL inside a VC's `credentialSubject.achievement`) becomes a flat
 * list of nodes with local property names (`name`, `isPartOf`) and local type names (`Certification`).
 * `ceterms:` and `ceasn:` collapse to one namespace; other prefixes (`asn:`, `skos:`) are kept.
 */
import { IngestError, IngestErrorCode } from './errors.ts';
import { parseJsonLenient } from './json-lenient.ts';
import { asArray, at, checkDepth, isObject, type JsonObject } from './values.ts';

export interface CtdlNode {
  readonly id: string;
  readonly types: readonly string[];
  /** JSON path of the node in the document. */
  readonly path: string;
  /** Local property name → { value, path of the property }. */
  readonly props: ReadonlyMap<string, { readonly value: unknown; readonly path: string }>;
}

/** A VC that wrapped CTDL nodes (`credentialSubject.achievement`). */
export interface CtdlVcWrapper {
  readonly doc: JsonObject;
  readonly path: string;
  readonly achievementIds: readonly string[];
}

const CTDL_NS: [RegExp, string][] = [
  [/^https?:\/\/purl\.org\/ctdl\/terms\//, ''],
  [/^https?:\/\/purl\.org\/ctdlasn\/terms\//, ''],
  [/^ceterms:/, ''],
  [/^ceasn:/, ''],
];

const WELL_KNOWN_PREFIXES: Record<string, string> = {
  ceterms: 'https://purl.org/ctdl/terms/',
  ceasn: 'https://purl.org/ctdlasn/terms/',
};

/** `ceterms:name` / `https://purl.org/ctdl/terms/name` / `name` → `name`; `id`/`type` → `@id`/`@type`. */
export function localKey(k: string): string {
  if (k === 'id' || k === '@id') return '@id';
  if (k === 'type' || k === '@type') return '@type';
  for (const [re, rep] of CTDL_NS) if (re.test(k)) return k.replace(re, rep);
  return k;
}

/** Local type name: `ceterms:Certification`, `https://purl.org/ctdl/terms/Certification`, `Certification` → `Certification`. */
export function localType(t: string): string {
  return localKey(t);
}

/** Whether a key or type belongs to CTDL (prefixed or as a full purl.org IRI). */
export function isCtdlTerm(k: string): boolean {
  return /^(ceterms|ceasn|asn):|^https?:\/\/purl\.org\/(ctdl|ctdlasn)\/terms\//.test(k);
}

export class CtdlCollector {
  readonly nodes: CtdlNode[] = [];
  readonly vcs: CtdlVcWrapper[] = [];
  private readonly prefixes = new Map<string, string>(Object.entries(WELL_KNOWN_PREFIXES));

  /** Collect every node of `value` found at `path`. */
  collect(value: unknown, path: string): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.collect(v, at(path, i)));
      return;
    }
    if (!isObject(value)) return;
    this.readContext(value['@context']);
    if ('decoded_resource' in value) {
      const inner = value['decoded_resource'];
      const p = at(path, 'decoded_resource');
      if (typeof inner === 'string') {
        let parsed: unknown;
        try {
          parsed = parseJsonLenient(inner);
          checkDepth(parsed);
        } catch (e) {
          if (e instanceof IngestError && e.code === IngestErrorCode.TooDeep) throw e;
          throw new IngestError(IngestErrorCode.InvalidField, 'the envelope decoded_resource is not JSON', { path: p }, { cause: e });
        }
        this.collect(parsed, p);
      } else this.collect(inner, p);
      return;
    }
    if ('@graph' in value) {
      const g = value['@graph'];
      if (!Array.isArray(g)) throw new IngestError(IngestErrorCode.InvalidField, '@graph must be an array', { path: at(path, '@graph') });
      this.collect(g, at(path, '@graph'));
      return;
    }
    const types = asArray(value['@type'] ?? value['type']).filter((t): t is string => typeof t === 'string');
    if (types.includes('VerifiableCredential') || types.some((t) => /credentials#VerifiableCredential$/.test(t))) {
      const subject = asArray(value['credentialSubject'])[0];
      if (isObject(subject) && subject['achievement'] !== undefined) {
        const p = at(at(path, 'credentialSubject'), 'achievement');
        const before = this.nodes.length;
        const ach = subject['achievement'];
        if (Array.isArray(ach)) ach.forEach((a, i) => this.addNode(a, at(p, i)));
        else this.addNode(ach, p);
        this.vcs.push({ doc: value, path, achievementIds: this.nodes.slice(before).map((n) => n.id) });
      }
      return;
    }
    this.addNode(value, path);
  }

  private readContext(ctx: unknown): void {
    for (const c of asArray(ctx)) {
      if (!isObject(c)) continue;
      for (const [k, v] of Object.entries(c)) {
        if (typeof v === 'string' && /^https?:\/\/.*[/#]$/.test(v) && !k.startsWith('@')) this.prefixes.set(k, v);
      }
    }
  }

  /** Expand a compact IRI (`res:ce-…`) whose prefix the document's @context defines; other values unchanged. */
  expand(id: string): string {
    const m = /^([A-Za-z][\w-]*):(?!\/\/)(.*)$/.exec(id);
    if (!m) return id;
    const base = this.prefixes.get(m[1]!);
    return base ? base + m[2]! : id;
  }

  private addNode(value: unknown, path: string): void {
    if (!isObject(value)) return;
    const props = new Map<string, { value: unknown; path: string }>();
    for (const [k, v] of Object.entries(value)) {
      if (k === '@context' || k === '...') continue;
      const lk = localKey(k);
      if (!props.has(lk)) props.set(lk, { value: v, path: at(path, k) });
    }
    const idV = props.get('@id')?.value;
    const idRaw = typeof idV === 'string' ? idV : firstValue(idV);
    const types = asArray(props.get('@type')?.value)
      .map((t) => (typeof t === 'string' ? localType(t) : null))
      .filter((t): t is string => t !== null);
    this.nodes.push({ id: typeof idRaw === 'string' && idRaw.trim() !== '' ? this.expand(idRaw.trim()) : '', types, path, props });
  }
}

function firstValue(v: unknown): unknown {
  const f = asArray(v)[0];
  return isObject(f) ? (f['@id'] ?? f['@value']) : f;
}

/** Text of a CTDL value: a string, a language map (en, en-US, en-us, en-GB, then the first), `{@value}` or an array of those. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v === '...' ? '' : v.trim();
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const en = v.find((x) => isObject(x) && typeof x['@language'] === 'string' && /^en\b/i.test(x['@language']));
    for (const x of en ? [en, ...v] : v) {
      const t = textOf(x);
      if (t) return t;
    }
    return '';
  }
  if (!isObject(v)) return '';
  if ('@value' in v) return textOf(v['@value']);
  for (const k of ['en', 'en-US', 'en-us', 'en-GB', 'en-gb']) {
    const t = textOf(v[k]);
    if (t) return t;
  }
  for (const x of Object.values(v)) {
    const t = typeof x === 'string' ? x.trim() : '';
    if (t) return t;
  }
  return '';
}

/** A number from a CTDL value (`7`, `"7"`, `[{"@value": 7}]`), or null. */
export function numberOf(v: unknown): number | null {
  const f = Array.isArray(v) ? v[0] : v;
  const x = isObject(f) ? f['@value'] : f;
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x);
  return null;
}

export function prop(node: CtdlNode, name: string): { value: unknown; path: string } | undefined {
  return node.props.get(name);
}

export function text(node: CtdlNode, name: string): string {
  return textOf(node.props.get(name)?.value);
}

/** A reference in a CTDL value: the (expanded) id, where it stands, and the object itself when it says more than an id. */
export interface CtdlRef {
  readonly id: string;
  readonly path: string;
  readonly inline: JsonObject | null;
}

/** References in a CTDL value: IRIs, `{@id}` objects, inline nodes; `"..."` placeholders dropped. */
export function refsOf(v: unknown, path: string, expand: (id: string) => string): CtdlRef[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' || s === '...' ? [] : [{ id: expand(s), path, inline: null }];
  }
  if (Array.isArray(v)) return v.flatMap((x, i) => refsOf(x, at(path, i), expand));
  if (!isObject(v)) return [];
  const id = v['@id'] ?? v['id'];
  const hasMore = Object.keys(v).some((k) => k !== '@id' && k !== 'id');
  return [{ id: typeof id === 'string' && id.trim() !== '...' ? expand(id.trim()) : '', path, inline: hasMore ? v : null }];
}
