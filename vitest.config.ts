import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{engine,taxonomy,api,cli,scripts,dashboard,bench}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
