import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packedTarball } from './package/packedTarball.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The text files a reader meets: the package's source, the tests, the docs and the README. */
function readable(): string[] {
  const files = ['src', 'properties', 'docs', 'bench'].flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.(ts|mjs|py|md|json)$/.test(entry.name))
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .filter((file) => !file.includes('node_modules')),
  );
  return ['README.md', ...files];
}

/** GitHub's anchor for a Markdown heading. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8');
  return new Set([...text.matchAll(/^#+ (.+)$/gm)].map((match) => slug(match[1] ?? '')));
}

const citations = readable().flatMap((file) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/docs\/([\w-]+\.md)(#[\w-]+)?/g)].map((match) => ({
    file,
    doc: `docs/${match[1] ?? ''}`,
    anchor: match[2]?.slice(1),
  })),
);

describe('the spec the code cites', () => {
  it('is cited by the code, the tests and the README', () => {
    expect(new Set(citations.map((citation) => citation.doc))).toEqual(
      new Set([
        'docs/semantics.md',
        'docs/protocol.md',
        'docs/api.md',
        'docs/architecture.md',
        'docs/departures.md',
        'docs/languages.md',
      ]),
    );
  });

  it('cites no document outside the repository (the design notes it started from)', () => {
    const stale = readable().filter((file) =>
      /\b(DESIGN|PROTOCOL)\b(\.md|'s)/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(stale).toEqual([]);
  });

  it('resolves every citation to a file and a heading of the repository', () => {
    const broken = citations
      .filter(
        ({ doc, anchor }) => !existsSync(join(root, doc)) || (anchor !== undefined && !anchorsOf(doc).has(anchor)),
      )
      .map(({ file, doc, anchor }) => `${file}: ${doc}${anchor === undefined ? '' : `#${anchor}`}`);
    expect(broken).toEqual([]);
  });

  it('ships every cited document in the packed tarball', async () => {
    const packed = new Set((await packedTarball()).files);
    expect([...new Set(citations.map((citation) => citation.doc))].filter((doc) => !packed.has(doc))).toEqual([]);
  }, 60_000);
});
