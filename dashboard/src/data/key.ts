/** The API key: `?key=` in the URL wins and is remembered; else the one remembered in localStorage. */
const STORAGE_KEY = 'skillgraph.apiKey';

export interface KeyStore {
  get(): string | null;
  set(key: string | null): void;
}

export function createKeyStore(location: Location, storage: Storage | null): KeyStore {
  const fromUrl = new URLSearchParams(location.search).get('key');
  let current = fromUrl?.trim() || null;
  if (current) storage?.setItem(STORAGE_KEY, current);
  else current = storage?.getItem(STORAGE_KEY) ?? null;
  return {
    get: () => current,
    set(key) {
      current = key?.trim() || null;
      if (current) storage?.setItem(STORAGE_KEY, current);
      else storage?.removeItem(STORAGE_KEY);
    },
  };
}
