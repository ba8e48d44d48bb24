export * from './types.ts';
export * from './options.ts';
export * from './merge.ts';
export * from './from-posting.ts';
export * from './from-occupation.ts';
export * from './role-profile.ts';
