import { describe, expect, it } from 'vitest';
import { formatDifferences } from '../../src/report/formatDifferences.js';
import { formatReplayOptions } from '../../src/report/formatReplayOptions.js';
import { formatTimeline } from '../../src/report/formatTimeline.js';
import { checkProperty } from '../../src/properties/checkProperty.js';
import { success } from '../../src/properties/gatherProperties.js';
import { wrongGathers } from '../wrongGathers.js';

describe('expected against observed', () => {
  it('lists the JSON paths where they differ, each with both sides', () => {
    expect(formatDifferences({ at: 0, value: [1, 2] }, { at: 3, value: [1, 'b'], extra: true })).toEqual({
      heading: 'expected against observed, by JSON path',
      lines: [
        'at: expected 0, observed 3',
        'value[1]: expected 2, observed "b"',
        'extra: expected (absent), observed true',
      ],
    });
  });

  it('against several allowed outcomes, shows the differences from the closest one and says so', () => {
    const allowed = {
      oneOf: [
        { at: 9, order: [2, 1] },
        { at: 3, order: [1, 2] },
      ],
    };
    expect(formatDifferences(allowed, { at: 3, order: [1, 3] })).toEqual({
      heading: 'observed is none of the 2 outcomes allowed; against the closest, by JSON path',
      lines: ['order[1]: expected 2, observed 3'],
    });
  });

  it('keeps a long list short, counting what it leaves out', () => {
    const expected = Array.from({ length: 20 }, (_, index) => index);
    const { lines } = formatDifferences(
      expected,
      expected.map((value) => value + 1),
      5,
    );
    expect(lines).toEqual([
      '[0]: expected 0, observed 1',
      '[1]: expected 1, observed 2',
      '[2]: expected 2, observed 3',
      '[3]: expected 3, observed 4',
      '(and 16 more)',
    ]);
  });
});

describe('the expected timeline beside the subject’s', () => {
  it('draws both on one axis: alsoAt adds the other run’s instants', () => {
    const observation = {
      gather: { at: 0, value: [] },
      tasks: [],
      unhandled: [],
    };
    expect(formatTimeline(observation, [])).toBe('ms      0\ngather  v  resolved at 0 ms with []');
    expect(formatTimeline(observation, [], { alsoAt: [1] })).toBe('ms      0 1\ngather  v  resolved at 0 ms with []');
  });

  it('replay options name the final scenario, the property by id, a tie mode other than fifo and its picks', async () => {
    const late = wrongGathers.find((wrong) => wrong.name === 'settles a tick late');
    if (late === undefined) throw new Error('no wrong gather');
    const report = await checkProperty(success, late.gather, { seed: 1, numRuns: 20, ties: 'shuffle' });
    if (report.status !== 'fail') throw new Error('expected a failure');
    const scenario = JSON.stringify(report.scenario);
    expect(formatReplayOptions(report)).toBe(`{ scenario: ${scenario}, properties: ["success"], ties: "shuffle" }`);
    const { ties: _ties, ...fifo } = report;
    expect(formatReplayOptions(fifo)).toBe(`{ scenario: ${scenario}, properties: ["success"] }`);
    expect(formatReplayOptions({ ...report, ties: { mode: 'shuffle', picks: [1, 0] } })).toBe(
      `{ scenario: ${scenario}, properties: ["success"], ties: "shuffle", tieOrder: [1,0] }`,
    );
  });
});
