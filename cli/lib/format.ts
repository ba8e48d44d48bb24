/** `12345` -> `12,345`; the CLI's human output uses this for every count. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** Milliseconds to seconds with one decimal, e.g. `1.9 s`. */
export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
