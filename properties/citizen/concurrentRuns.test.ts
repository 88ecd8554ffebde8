import { describe, expect, it } from 'vitest';
import { checkGather } from '../../src/conformance/checkGather.js';
import { runScenario } from '../../src/executor/runScenario.js';
import { gather } from '../../src/gather/gather.js';
import type { GatherFunction } from '../../src/gather/GatherFunction.js';
import promiseAll from '../../src/subjects/promiseAll.js';
import reference from '../../src/subjects/reference.js';
import { wrongGathers } from '../wrongGathers.js';

const twoTasks = {
  tasks: [
    { sleep: 10, value: 1 },
    { sleep: 20, value: 2 },
  ],
};
const late = wrongGathers.find((wrong) => wrong.name === 'settles a tick late');
if (late === undefined) throw new Error('no wrong gather "settles a tick late"');
const lateSubject = { name: 'late', supports: { returnExceptions: true }, gather: late.gather };

describe('runs started together', () => {
  it('give two checkGather calls in one Promise.all the reports they give in sequence', async () => {
    const options = { runs: 40 };
    const inSequence = [await checkGather(promiseAll, options), await checkGather(reference, options)];
    const together = await Promise.all([checkGather(promiseAll, options), checkGather(reference, options)]);
    expect(together).toEqual(inSequence);
    // Native Promise.all conforms on what it claims, as the reference does: no property fails.
    const statuses = together.flatMap((report) => report.subjects.flatMap((subject) => subject.properties));
    expect(statuses.map((property) => property.status)).not.toContain('fail');
  }, 120_000);

  it('fail a wrong gather checked beside a correct one exactly as alone', async () => {
    const options = { runs: 60 };
    const alone = [await checkGather(reference, options), await checkGather(lateSubject, options)];
    const together = await Promise.all([checkGather(reference, options), checkGather(lateSubject, options)]);
    expect(together).toEqual(alone);
    expect(alone[1]?.subjects[0]?.properties.map((property) => property.status)).toContain('fail');
  }, 120_000);
});

describe('a run started from inside a run', () => {
  it('is refused with an error naming the mistake, which the outer run observes as the gather rejecting', async () => {
    const nesting: GatherFunction = (children, options) =>
      runScenario(twoTasks, gather).then(() => gather(children, options));
    const run = await runScenario(twoTasks, nesting);
    expect(run.observation.gather).toMatchObject({
      at: 0,
      error: { name: 'Error', message: expect.stringMatching(/^runScenario: called from inside a run/) as unknown },
    });
  });

  it('is refused from a timer of the subject too', async () => {
    let refusal: unknown;
    const timerNesting: GatherFunction = (children, options) => {
      setTimeout(() => {
        runScenario(twoTasks, gather).catch((error: unknown) => {
          refusal = error;
        });
      }, 5);
      return gather(children, options);
    };
    await runScenario(twoTasks, timerNesting);
    expect(String(refusal)).toMatch(/called from inside a run/);
  });
});
