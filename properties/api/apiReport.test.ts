import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_REPORT, apiExports, formatApiReport } from './apiReport.js';

describe('the public API', () => {
  const exports = apiExports();

  it('matches the checked-in report docs/api.md (run `npm run api` after a change on purpose)', () => {
    expect(formatApiReport(exports)).toBe(readFileSync(API_REPORT, 'utf8'));
  });

  it('documents every export with TSDoc', () => {
    expect(exports.filter((one) => !one.documented).map((one) => `${one.entry}: ${one.name}`)).toEqual([]);
  });

  it('gives every name one home among the entries', () => {
    const names = exports.map((one) => one.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it("names in the README's table of entries only what each entry exports", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `(gather-sim[^`]*)` \| (.*) \|$/gm)];
    expect(rows.map((row) => row[1])).toEqual([...new Set(exports.map((one) => one.entry))]);
    const missing = rows.flatMap(([, entry, text]) =>
      [...(text ?? '').matchAll(/`([A-Za-z_$][\w$]*)(?:\([^`]*\))?`/g)]
        .map((match) => match[1] ?? '')
        .filter((name) => !exports.some((one) => one.entry === entry && one.name === name))
        .map((name) => `${entry ?? ''}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('keeps the root entry small: what a user reaches for first', () => {
    const root = exports.filter((one) => one.entry === 'gather-sim');
    expect(
      root
        .filter((one) => one.kind === 'value')
        .map((one) => one.name)
        .sort(),
    ).toEqual(
      [
        'assertGather',
        'assertProperty',
        'CancelledError',
        'checkGather',
        'formatReport',
        'gather',
        'gatherProperties',
        'isCancellation',
        'runScenario',
        'scenarioArbitrary',
      ].sort(),
    );
  });
}, 60_000);
