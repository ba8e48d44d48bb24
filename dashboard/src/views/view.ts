import type { DashboardApi } from '../data/queries.ts';

export interface ViewContext {
  readonly api: DashboardApi;
  readonly params: URLSearchParams;
  /** The decoded item of `#/<view>/<item>` ('' when the route names none). */
  readonly item: string;
  /** Remembers view state in the URL without re-mounting. */
  readonly setParams: (params: Record<string, string | null | undefined>) => void;
}

/** A view mounts into `root` and returns its disposer. */
export type View = (root: HTMLElement, ctx: ViewContext) => () => void;
