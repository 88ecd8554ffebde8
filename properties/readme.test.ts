import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('opens with the two commands that work on a fresh machine', () => {
    const opening = readme.split('\n').slice(0, 8).join('\n');
    expect(opening).toContain('npm ci && npm start');
    expect(opening).toContain('npm ci && npm test');
  });

  it('shows the vitest example exactly as properties/readme.example.test.ts runs it', () => {
    const example = readFileSync(new URL('./readme.example.test.ts', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
