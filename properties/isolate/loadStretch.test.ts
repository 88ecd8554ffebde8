import { describe, expect, it } from 'vitest';
import { loadStretch, MAX_LOAD_STRETCH } from '../../src/isolate/loadStretch.js';

describe('loadStretch', () => {
  it('leaves a limit as it is on a machine no busier than its cores', () => {
    expect(loadStretch(0.5, 2)).toBe(1);
    expect(loadStretch(2, 2)).toBe(1);
  });

  it('stretches a limit by the load average per core on a busier machine', () => {
    expect(loadStretch(5, 2)).toBe(2.5);
    expect(loadStretch(24, 8)).toBe(3);
  });

  it(`stretches at most ${MAX_LOAD_STRETCH} times, so that a hang is still caught`, () => {
    expect(loadStretch(500, 2)).toBe(MAX_LOAD_STRETCH);
  });

  it('leaves a limit as it is where no load average is known (0, as on Windows) or no core is counted', () => {
    expect(loadStretch(0, 2)).toBe(1);
    expect(loadStretch(Number.NaN, 2)).toBe(1);
    expect(loadStretch(4, 0)).toBe(1);
  });
});
