// @ts-check
/**
 * The CommonJS build (`npm run build`), for `require('gather-sim')` in runners that load
 * CommonJS by themselves, as jest does. It converts tsc's ES module output in dist/src/,
 * module by module, into dist/cjs/ at the same depth, so `new URL('../drivers/...',
 * import.meta.url)` (which rolldown rewrites for CommonJS) finds the same files. Every package
 * stays external: fast-check and @sinonjs/fake-timers are the user's own CommonJS builds.
 * The declarations are tsc's, copied beside the modules; dist/cjs/package.json marks the
 * folder as CommonJS for Node and TypeScript alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const esm = 'dist/src';

/** Every file under the ES module build, as a path relative to it; the CLI and the vitest entry stay ESM-only. */
const files = readdirSync(esm, { recursive: true, encoding: 'utf8' })
  .filter((file) => !/^(cli|vitest)\//.test(file) && file !== join('entry', 'vitest.js'))
  .filter((file) => file !== join('entry', 'vitest.d.ts'));

/** The entries of the package's exports map, and the bundled subjects (imported by name at run time). */
const input = files
  .filter((file) => file === 'index.js' || /^(entry|subjects)\/[^/]+\.js$/.test(file))
  .map((file) => join(esm, file));

/** @type {import('rolldown').Plugin} */
const commonJsFolder = {
  name: 'commonjs-folder',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' });
    for (const file of files.filter((name) => name.endsWith('.d.ts')))
      this.emitFile({ type: 'asset', fileName: file, source: readFileSync(join(esm, file), 'utf8') });
  },
};

/** @type {import('rolldown').RolldownOptions} */
const config = {
  input,
  platform: 'node',
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  plugins: [commonJsFolder],
  output: {
    dir: 'dist/cjs',
    format: 'cjs',
    preserveModules: true,
    preserveModulesRoot: esm,
    cleanDir: true,
  },
};

export default config;
