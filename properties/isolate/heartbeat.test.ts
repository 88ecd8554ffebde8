import { describe, expect, it } from 'vitest';
import { beat, createHeartbeat, lastBeat } from '../../src/isolate/heartbeat.js';
import type { Scenario } from '../../src/scenario/Scenario.js';

describe('heartbeat', () => {
  it('gives the count, the time and the scenario of the last beat', () => {
    const heartbeat = createHeartbeat();
    const first: Scenario = { tasks: [{ sleep: 5, value: 'a long enough value' }] };
    const second: Scenario = { tasks: [{ hang: true }] };
    expect(lastBeat(heartbeat)).toEqual({ beats: 0, at: 0 });
    expect(beat(heartbeat, first)).toBe(true);
    expect(beat(heartbeat, second)).toBe(true);
    const last = lastBeat(heartbeat);
    expect(last.beats).toBe(2);
    expect(last.at).toBeGreaterThan(0);
    expect(last.scenario).toEqual(second);
  });

  it('gives the count and time of a beat whose text was being overwritten, without a scenario rather than a throw', () => {
    const heartbeat = createHeartbeat();
    beat(heartbeat, { tasks: [{ sleep: 5, value: 'a long enough value' }] });
    // The next beat's text half written: a shorter scenario over the longer one, its length not yet.
    new TextEncoder().encodeInto('{"tasks":[]}', new Uint8Array(heartbeat, 16));
    const last = lastBeat(heartbeat);
    expect(last.beats).toBe(1);
    expect(last.scenario).toBeUndefined();
  });
});
