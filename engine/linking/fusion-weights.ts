import type { Feature } from './features.ts';

/**
 * Weights of the fused score Σ weight·feature, one per feature of `FEATURES` (engine/linking/features.ts,
 * which documents each). Learned on the dev sets (engine/linking/fusion.ts) and stored per model id.
 * Its own file so that options.ts and linking-weights.ts both import it without importing each other.
 */
export type FusionWeights = Readonly<Record<Feature, number>>;
