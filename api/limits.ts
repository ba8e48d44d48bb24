import { DEFAULT_PRIVACY } from '../app/privacy-budget.ts';
import { RESULT_CACHE_BYTES } from '../app/result-cache.ts';

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
  /** Longest analytics window (gaps, trends), years. */
  maxWindowYears: 10,
  /** Longest string anywhere in a JSON document (descriptions, narratives). */
  maxStringChars: 100_000,
  /** Longest name, title, id or key in a JSON document. */
  maxNameChars: 2_000,
  /** Longest plain-text posting. */
  maxTextDocumentChars: 100_000,
  maxDocumentDepth: 32,
  maxDocumentNodes: 50_000,
  /**
   * Text arguments cost complexity by length: `linkText` 10 + 1 per 2 characters (one 20,000-character
   * text is the whole budget), `searchSkills` 5 + 1 per 5 characters.
   */
  linkTextCharsPerUnit: 2,
  searchSkillsCharsPerUnit: 5,
  /** Result cache (ranking pages, gap reports) bound, approximate bytes. */
  resultCacheBytes: RESULT_CACHE_BYTES,
  /** A request must arrive whole (headers and body) within this; slow bodies are cut off. */
  requestTimeoutMs: 15_000,
  headersTimeoutMs: 10_000,
  /**
   * Differential privacy of the gap aggregates released to planner and employer keys (docs/SECURITY.md;
   * the workspace applies them, app/privacy-budget.ts): zCDP ρ per released query and per API key per
   * period. ρ 0.05 is ε ≈ 1.7 per query, ρ 0.5 is ε ≈ 5.8 per key per day, at δ = 10⁻⁶.
   */
  privacy: DEFAULT_PRIVACY,
} as const;

