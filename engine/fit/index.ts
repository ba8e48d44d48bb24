export * from './types.ts';
export { FIT_ERRORS, FitErrorCode, fitError } from './errors.ts';
export * from './options.ts';
export * from './similarity.ts';
export * from './prepared-role.ts';
export * from './fit-scorer.ts';
export * from './signals/index.ts';
