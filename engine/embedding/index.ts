export * from './cache.ts';
export * from './cached-embedder.ts';
export * from './errors.ts';
export * from './memory-cache.ts';
export * from './row-scorer.ts';
export * from './top-k.ts';
export * from './vector-math.ts';
