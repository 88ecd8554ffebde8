// Deno's own Promise.all (V8) as a subject of the gather-sim/1 protocol. The plain-ECMAScript
// core (core.js: its mapping choices are there) does the work; this shim reads stdin and writes
// stdout through Deno's own API, and lets V8 run every pending microtask before each step of a
// run's virtual clock by waiting for Deno's `setImmediate` (its event loop empties V8's
// microtask queue before an immediate runs; a 0 ms timer costs about 3 ms, and a
// MessageChannel message was seen to arrive before a three-level nested gather had settled).
//
//   gather-sim check deno-2.9-promise-all
//   echo '{"id": 1, "scenario": {"tasks": [{"sleep": 1000, "value": 100}]}}' | deno run src/drivers/js-promise-all/deno.mjs
/* global Deno, TextEncoder, TextDecoder, setImmediate */
import './core.js';

const core = globalThis.GatherSimCore;
const encoder = new TextEncoder();
const write = (line) => {
  const bytes = encoder.encode(`${line}\n`);
  for (let done = 0; done < bytes.length;) done += Deno.stdout.writeSync(bytes.subarray(done));
};

const drain = () => new Promise((resolve) => setImmediate(resolve));

write(core.hello(`deno-${Deno.version.deno.split('.').slice(0, 2).join('.')}-promise-all`));
const split = core.lineSplitter();
const decoder = new TextDecoder();
const answerAll = async (lines) => {
  for (const line of lines) write(await core.answer(line, drain));
};
for await (const chunk of Deno.stdin.readable) await answerAll(split(decoder.decode(chunk, { stream: true })));
await answerAll(split(decoder.decode(), true));
