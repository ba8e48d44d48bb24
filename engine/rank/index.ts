export * from './errors.ts';
export * from './cursor.ts';
export * from './ranking-index.ts';
export * from './index-data.ts';
export * from './rank-roles.ts';
export * from './rank-by-scan.ts';
export * from './ordinal.ts';
export * from './explain.ts';
