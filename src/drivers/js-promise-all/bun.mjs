// Bun's own Promise.all (JavaScriptCore) as a subject of the gather-sim/1 protocol. The
// plain-ECMAScript core (core.js: its mapping choices are there) does the work; this shim
// reads stdin and writes stdout through Bun's own API, and drains JavaScriptCore's microtask
// queue before every step of a run's virtual clock with `drainMicrotasks` from `bun:jsc`.
//
//   gather-sim check bun-1.4-promise-all
//   echo '{"id": 1, "scenario": {"tasks": [{"sleep": 1000, "value": 100}]}}' | bun src/drivers/js-promise-all/bun.mjs
/* global Bun, TextDecoder */
import { drainMicrotasks } from 'bun:jsc';
import './core.js';

const core = globalThis.GatherSimCore;
const out = Bun.stdout.writer();
const write = (line) => {
  out.write(`${line}\n`);
  out.flush();
};

write(core.hello(`bun-${Bun.version.split('.').slice(0, 2).join('.')}-promise-all`));
const split = core.lineSplitter();
const decoder = new TextDecoder();
const answerAll = async (lines) => {
  for (const line of lines) write(await core.answer(line, drainMicrotasks));
};
for await (const chunk of Bun.stdin.stream()) await answerAll(split(decoder.decode(chunk, { stream: true })));
await answerAll(split(decoder.decode(), true));
await out.end();
