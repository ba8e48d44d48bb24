export * from './types.ts';
export * from './errors.ts';
export * from './options.ts';
export * from './window.ts';
export * from './supply.ts';
export * from './groups.ts';
export * from './what-if.ts';
export * from './gap-analytics.ts';
