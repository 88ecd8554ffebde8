import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatherProperties } from 'gather-sim';
import { checkProperty, formatPropertyReport } from 'gather-sim/properties';
import promiseAll from '../src/subjects/promiseAll.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The text of the fenced block right after `marker`. */
function blockAfter(marker: string): string {
  const start = readme.indexOf('```text\n', readme.indexOf(marker)) + '```text\n'.length;
  return readme.slice(start, readme.indexOf('```', start));
}

describe('README failure example', () => {
  it('is what a bare Promise.all gather prints on R8 with seed 42, exactly', async () => {
    const property = gatherProperties.find((candidate) => candidate.id === 'outer-cancellation');
    if (property === undefined) throw new Error('no outer-cancellation property');
    const report = await checkProperty(property, promiseAll.gather, { seed: 42, numRuns: 100 });
    expect(report.status).toBe('fail');
    expect(blockAfter('<!-- failure: Promise.all as a bare gather')).toBe(`${formatPropertyReport(report)}\n`);
  }, 60_000);
});
