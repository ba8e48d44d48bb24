export * from './errors.ts';
export * from './map-skills.ts';
export * from './onet-esco.ts';
