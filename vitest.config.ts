import { defineConfig } from 'vitest/config';

// Unit and database suites. Database suites run on PGlite always and on the server named by
// TEST_DATABASE_URL when it is set (see electron/main/db/test-databases.ts).
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: two forks keep PGlite instances and the server suites from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    // CI also writes a JSON report that .ci/summary.mjs turns into one closing line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
