/**
 * Port for Open Badges 2.0 hosted verification: fetch the hosted assertion at its `id` URL.
 * No default implementation in the engine: without a fetcher, hosted badges are 'unverifiable'.
 */
export interface HostedFetcher {
  /** Resolves with the parsed JSON at `url`, or null when it is gone (404/410). Rejects on other failures. */
  fetchJson(url: string): Promise<unknown>;
}
