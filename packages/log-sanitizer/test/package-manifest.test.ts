import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

const manifest = z
  .object({
    name: z.string(),
    dependencies: z.record(z.string(), z.string()).optional(),
    devDependencies: z.record(z.string(), z.string()).default({}),
  })
  .parse(JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')));

// The test runner is the workspace's own tool, installed and pinned once at the root.
const WORKSPACE_TOOLS = new Set(['vitest']);

function filesUnder(folder: string): string[] {
  return readdirSync(join(packageRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(packageRoot, folder, name));
}

/** `pino-http` from `'pino-http'`, `@scope/name` from `'@scope/name/sub'`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function importedPackages(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const found of readFileSync(file, 'utf8').matchAll(
      /^import [^\n]* from '([^'.][^']*)';$/gm,
    )) {
      const specifier = found[1] ?? '';
      if (!specifier.startsWith('node:')) names.add(packageNameOf(specifier));
    }
  }
  return names;
}

describe('package.json', () => {
  it('declares every package the tests import, beside the package itself', () => {
    const testFiles = [
      ...filesUnder('src').filter((file) => file.endsWith('.test.ts')),
      ...filesUnder('test'),
    ];
    const imported = [...importedPackages(testFiles)].filter(
      (name) => name !== manifest.name && !WORKSPACE_TOOLS.has(name),
    );

    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((name) => manifest.devDependencies[name] === undefined)).toEqual([]);
  });

  it('has no runtime dependencies', () => {
    expect(manifest.dependencies).toBeUndefined();
  });
});
