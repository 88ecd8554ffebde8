import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The consumer projects' files the README shows, and the command `npm test` runs in each. */
const examples = [
  'vitest/gather.spec.ts',
  'jest-cjs/gather.test.js',
  'jest-esm/gather.test.js',
  'node-test/gather.test.js',
  'mocha/gather.test.js',
  'fast-check/check.ts',
];

/** The fenced block right after the README's marker for `file`. */
function shownAfterMarker(file: string): string | undefined {
  const start = readme.indexOf(`<!-- example: properties/consumers/${file} `);
  if (start < 0) return undefined;
  return /-->\n```\w+\n([\s\S]*?)```/.exec(readme.slice(start))?.[1];
}

describe('the README section on test runners', () => {
  for (const file of examples) {
    it(`shows properties/consumers/${file} exactly as the suite runs it, and the command that runs it`, () => {
      expect(shownAfterMarker(file)).toBe(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'));
      const project = file.split('/')[0] ?? '';
      const manifest = JSON.parse(readFileSync(new URL(`./${project}/package.json`, import.meta.url), 'utf8')) as {
        readonly scripts: { readonly test: string };
      };
      expect(readme).toContain(`runs \`${manifest.scripts.test}\``);
    });
  }
});
