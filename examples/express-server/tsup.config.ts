import { defineConfig } from 'tsup';

// The server is an application, not a library: two runnable entry points, ESM only, and the
// workspace packages stay external so they load from their own built dist folders.
export default defineConfig({
  entry: { main: 'src/main.ts', demo: 'src/demo.ts' },
  format: ['esm'],
  tsconfig: 'tsconfig.json',
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
});
