import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = join(root, 'src');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every relative module specifier of a file: static imports and exports, and dynamic imports. */
function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((match) => match[1] ?? '');
}

describe('the layout', () => {
  it('keeps what the package ships self-contained: no file under src/ imports from outside src/', () => {
    const escapes = filesUnder(src)
      .filter((file) => /\.(ts|mjs)$/.test(file))
      .flatMap((file) =>
        relativeSpecifiers(readFileSync(file, 'utf8'))
          .filter((specifier) => relative(src, resolve(dirname(file), specifier)).startsWith('..'))
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      );
    expect(escapes).toEqual([]);
  });

  it('keeps tests out of the package: every test file lives under properties/ or bench/', () => {
    const tests = filesUnder(src).filter((file) => /\.test\.ts$/.test(file));
    expect(tests.map((file) => relative(root, file))).toEqual([]);
  });
});
