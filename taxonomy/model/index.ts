export * from './types.ts';
export * from './errors.ts';
export * from './normalise.ts';
export * from './skill-graph.ts';
