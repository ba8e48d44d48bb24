export * from './issuer-credibility.ts';
export * from './demand.ts';
export * from './cost.ts';
export * from './roles-served.ts';
export * from './report.ts';
export * from './figures.ts';
