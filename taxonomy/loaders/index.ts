export * from './shared-path.ts';
export * from './load-options.ts';
export * from './csv.ts';
export * from './find-file.ts';
export * from './find-cycle.ts';
export * from './esco.ts';
export * from './onet.ts';
export * from './crosswalk.ts';
