export * from './requirements/index.ts';
export * from './fit/index.ts';
export * from './rank/index.ts';
export * from './recommend/index.ts';
export * from './analytics/index.ts';
