export * from './errors.ts';
export * from './eval-linking.ts';
export * from './eval-postings.ts';
export * from './eval-titles.ts';
export * from './metrics.ts';
export * from './reference-blend.ts';
