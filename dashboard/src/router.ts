/**
 * A hash router: `#/<view>?a=1&b=2`, or `#/<view>/<item>?…` for one item of a view (`#/credentials/<id>`,
 * the id URI-encoded). Views keep their state in the params (shareable URLs).
 */
export interface Route {
  readonly name: string;
  /** The decoded item after `<view>/`, '' when none. */
  readonly item: string;
  readonly params: URLSearchParams;
}

export function parseHash(hash: string, fallback: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  let item = slash < 0 ? '' : path.slice(slash + 1);
  try {
    item = decodeURIComponent(item);
  } catch {
    // a malformed escape: keep the raw text (the view reports the item as not found)
  }
  return { name: name || fallback, item, params: new URLSearchParams(query) };
}

/** `#/<view>/<item>` with the item URI-encoded (ids are URIs: `/`, `?`, `#` must not split the hash). */
export function itemHash(name: string, item: string, params: Record<string, string | null | undefined> = {}): string {
  return formatHash(`${name}/${encodeURIComponent(item)}`, params);
}

export function formatHash(name: string, params: URLSearchParams | Record<string, string | null | undefined>): string {
  const p = params instanceof URLSearchParams ? params : new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined && e[1] !== ''));
  const q = p.toString();
  return `#/${name}${q ? `?${q}` : ''}`;
}

export interface Router {
  start(): void;
  /** Replaces the current route's params without re-mounting the view. */
  replaceParams(params: Record<string, string | null | undefined>): void;
}

export function createRouter(names: readonly string[], fallback: string, onRoute: (route: Route) => void): Router {
  let current = '';
  const handle = (): void => {
    // the URL `npm start` prints has no `#/…`: go to the default view (replace, so Back does not loop)
    if (location.hash.replace(/^#\/?/, '') === '') {
      location.replace(`${location.pathname}${location.search}${formatHash(fallback, {})}`);
      return;
    }
    const route = parseHash(location.hash, fallback);
    if (!names.includes(route.name)) {
      location.replace(formatHash(fallback, {}));
      return;
    }
    if (location.hash === current) return;
    current = location.hash;
    onRoute(route);
  };
  return {
    start() {
      addEventListener('hashchange', handle);
      handle();
    },
    replaceParams(params) {
      const route = parseHash(location.hash, fallback);
      const merged = new URLSearchParams(route.params);
      for (const [k, v] of Object.entries(params)) {
        if (v === null || v === undefined || v === '') merged.delete(k);
        else merged.set(k, v);
      }
      const hash = route.item ? itemHash(route.name, route.item, Object.fromEntries(merged)) : formatHash(route.name, merged);
      current = hash;
      history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    },
  };
}
