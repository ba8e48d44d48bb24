import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Pothos and graphql-yoga load graphql's CommonJS build under Node; make inlined test code use the
  // same instance (graphql refuses two copies of its classes: "from another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['{app,engine,taxonomy,api,cli,scripts,dashboard,bench}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
