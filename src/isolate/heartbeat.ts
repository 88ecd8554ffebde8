import { realEpochNow } from '../clock/realTimers.js';
import type { Scenario } from '../scenario/Scenario.js';
import { scenarioJson } from '../scenario/scenarioJson.js';

/** Bytes of the last scenario's JSON text a heartbeat holds; a longer one is posted instead. */
const SCENARIO_BYTES = 64 * 1024;
/** The header: the time of the last beat (Float64 at byte 0), the beats so far (Int32 at 8), the text's length (Int32 at 12, -1 when posted). */
const HEADER = 16;

/**
 * Shared memory a subject worker writes before each scenario it runs (its time, a count and
 * the scenario's JSON text) and the main thread reads only when its watchdog fires or the
 * worker breaks: a heartbeat that costs a write, where a message per scenario woke the main
 * thread and cloned the scenario each time.
 */
export function createHeartbeat(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + SCENARIO_BYTES);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The views of the heartbeat a worker writes (one per worker): made once, not per scenario. */
let views: { heartbeat: SharedArrayBuffer; text: Uint8Array; at: Float64Array; header: Int32Array } | undefined;

/** In the worker: `scenario` starts now. False when its text does not fit: post it to the main thread instead. */
export function beat(heartbeat: SharedArrayBuffer, scenario: Scenario): boolean {
  if (views?.heartbeat !== heartbeat) {
    views = {
      heartbeat,
      text: new Uint8Array(heartbeat, HEADER),
      at: new Float64Array(heartbeat, 0, 1),
      header: new Int32Array(heartbeat, 8, 2),
    };
  }
  const text = scenarioJson(scenario);
  const { read, written } = encoder.encodeInto(text, views.text);
  const fits = read === text.length;
  views.at[0] = realEpochNow();
  views.header[1] = fits ? written : -1;
  Atomics.add(views.header, 0, 1);
  return fits;
}

/** What a heartbeat says: beats so far, the real time of the last (epoch ms), and its scenario unless it was posted. */
export interface LastBeat {
  readonly beats: number;
  readonly at: number;
  readonly scenario?: Scenario | undefined;
}

/**
 * In the main thread: the last beat. Its scenario is read only when asked for (the watchdog
 * reads the count and time whenever it fires, while the worker may be writing the next
 * beat); a text the worker was overwriting meanwhile, which does not parse, is no scenario.
 */
export function lastBeat(heartbeat: SharedArrayBuffer): LastBeat {
  const header = new Int32Array(heartbeat, 8, 2);
  const beats = Atomics.load(header, 0);
  const at = new Float64Array(heartbeat, 0, 1)[0] ?? 0;
  const length = header[1] ?? -1;
  if (beats === 0 || length < 0) return { beats, at };
  return {
    beats,
    at,
    get scenario(): Scenario | undefined {
      try {
        return JSON.parse(decoder.decode(new Uint8Array(heartbeat, HEADER, length).slice())) as Scenario;
      } catch {
        return undefined;
      }
    },
  };
}
