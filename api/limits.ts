/** Request limits of the API, one place (depth/complexity/breadth checked by Pothos, the rest by Yoga). */
export const limits = {
  maxDepth: 10,
  maxComplexity: 10_000,
  maxBreadth: 150,
  /** Largest page a connection returns (`first`/`last`). */
  maxPageSize: 100,
  /** Largest request body accepted, bytes. */
  maxBodyBytes: 1_000_000,
  /** Requests per key (or per client address without a key) per window. */
  rateLimit: { requests: 600, windowMs: 60_000 },
} as const;

