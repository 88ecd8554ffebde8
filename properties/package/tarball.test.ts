import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { packedTarball } from './packedTarball.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  readonly name: string;
  readonly repository?: { readonly url?: string };
  readonly homepage?: string;
  readonly bugs?: { readonly url?: string };
  readonly bin: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, unknown>>;
  readonly scripts: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly peerDependencies: Readonly<Record<string, string>>;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

/** Every file under a folder of the repository, as a path from the root. */
function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every file path an exports target names (conditions nested or not). */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(/^\.\//, '')];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(targets);
  return [];
}

/** The tarball's files, as `npm pack` lists them (from the build `npm test` made first; packed once for the run). */
let packed: readonly string[] = [];

beforeAll(async () => {
  packed = [...(await packedTarball()).files].sort();
}, 60_000);

describe('the package tarball', () => {
  it('holds the build of every module of src/ and the files a user reads, and nothing of tests, benchmarks, fixtures or the data of the cross-language report', () => {
    const modules = filesUnder('src')
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''));
    const esm = modules.flatMap((module) => [`dist/${module}.js`, `dist/${module}.d.ts`]);
    const commonJs = packed.filter((file) => file.startsWith('dist/cjs/'));
    const expected = [
      'LICENSE',
      'README.md',
      'package.json',
      // The cross-language report's JSON and HTML (1.1 MB) stay in the repository; its Markdown ships.
      ...filesUnder('docs').filter((file) => !/^docs\/languages\/report\.(json|html)$/.test(file)),
      ...filesUnder('scenarios'),
      ...filesUnder('src/drivers'),
      ...filesUnder('src').filter((file) => file.endsWith('.schema.json')),
      ...esm,
      ...commonJs,
    ].sort();
    expect(packed).toEqual(expected);
    expect(packed.filter((file) => /^(properties|bench)\/|(^|\/)fixtures\/|\.test\.|\.map$/.test(file))).toEqual([]);
  });

  it('holds a CommonJS build of the ES modules but the CLI and the vitest entry, in a folder marked CommonJS', () => {
    const mirrored = packed
      .filter((file) => file.startsWith('dist/src/') && !/^dist\/src\/(cli|vitest)\/|entry\/vitest\./.test(file))
      .map((file) => file.replace(/^dist\/src\//, 'dist/cjs/'));
    const commonJs = packed.filter((file) => file.startsWith('dist/cjs/'));
    // Every declaration; the modules with code (rolldown drops type-only ones and inlines constants).
    expect(commonJs.filter((file) => file.endsWith('.d.ts'))).toEqual(
      mirrored.filter((file) => file.endsWith('.d.ts')),
    );
    const rolldownRuntime = 'dist/cjs/_virtual/_rolldown/runtime.js';
    const strays = commonJs.filter(
      (file) => file.endsWith('.js') && !mirrored.includes(file) && file !== rolldownRuntime,
    );
    expect(strays).toEqual([]);
    expect(commonJs).toContain('dist/cjs/package.json');
    expect(JSON.parse(readFileSync(join(root, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  it('holds every file its exports map and its bin name, the three JSON schemas among them', () => {
    const named = [...targets(manifest.exports), ...Object.values(manifest.bin)];
    expect(named.filter((file) => !packed.includes(file))).toEqual([]);
    expect(Object.keys(manifest.exports).filter((entry) => entry.endsWith('.schema.json'))).toEqual([
      './scenario.schema.json',
      './observation.schema.json',
      './messages.schema.json',
    ]);
  });

  it('gives require a CommonJS build for every entry but gather-sim/vitest (vitest is ESM-only)', () => {
    const entries = Object.entries(manifest.exports).filter(([entry]) => !/\.json$/.test(entry));
    const withoutRequire = entries.filter(([, conditions]) => !Object.keys(conditions as object).includes('require'));
    expect(withoutRequire.map(([entry]) => entry)).toEqual(['./vitest']);
  });

  it('names its repository, homepage and issue tracker, and ships its license', () => {
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs?.url).toMatch(/^https:\/\/.+\/issues$/);
    expect(packed).toContain('LICENSE');
  });

  it("runs no script when installed, and uses the user's own fast-check (3 or 4)", () => {
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'];
    expect(Object.keys(manifest.scripts).filter((name) => installScripts.includes(name))).toEqual([]);
    expect(manifest.peerDependencies['fast-check']).toBe('^3 || ^4');
    expect(Object.keys(manifest.dependencies)).toEqual(['@sinonjs/fake-timers']);
  });
});
