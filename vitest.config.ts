import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

// Tests import the workspace packages by name; point those names at the sources so a test run
// needs no build and always sees the code under test.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@ctwa\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
      { find: /^@ctwa\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/$2/index.ts` },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
