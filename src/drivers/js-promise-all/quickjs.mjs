#!/usr/bin/env node
// QuickJS's own Promise.all (bellard/quickjs 2025-09-13, compiled to WebAssembly by the npm
// package quickjs-emscripten: quickjs-emscripten-core with its release-sync variant) as a
// subject of the gather-sim/1 protocol. The plain-ECMAScript core (core.js: its mapping
// choices are there) runs inside a QuickJS context; this Node host reads the request lines,
// hands each one in, runs QuickJS's pending jobs (`runtime.executePendingJobs()`) before every
// step of the run's virtual clock, and writes the answer.
//
//   gather-sim check quickjs-2025-09-13-promise-all
//   echo '{"id": 1, "scenario": {"tasks": [{"sleep": 1000, "value": 100}]}}' | node src/drivers/js-promise-all/quickjs.mjs
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

const NAME = 'quickjs-2025-09-13-promise-all';
const write = (line) => process.stdout.write(`${line}\n`);

const { newQuickJSWASMModuleFromVariant } = await import('quickjs-emscripten-core');
const { default: variant } = await import('@jitl/quickjs-wasmfile-release-sync');
const quickjs = await newQuickJSWASMModuleFromVariant(variant);
const runtime = quickjs.newRuntime();
const context = runtime.newContext();
context.unwrapResult(context.evalCode(readFileSync(new URL('core.js', import.meta.url), 'utf8'), 'core.js')).dispose();
const core = context.getProp(context.global, 'GatherSimCore');
const method = (name) => context.getProp(core, name);
const [hello, begin, step, finish] = ['hello', 'begin', 'step', 'finish'].map(method);

/** Calls a method of the core with string arguments and gives its result as a JavaScript value. */
function call(fn, ...args) {
  const handles = args.map((arg) => context.newString(arg));
  const result = context.callFunction(fn, core, ...handles);
  for (const handle of handles) handle.dispose();
  const handle = context.unwrapResult(result);
  const value = context.dump(handle);
  handle.dispose();
  return value;
}

/** Runs every job QuickJS has pending (promise reactions), as an engine does between tasks. */
function drain() {
  const result = runtime.executePendingJobs(-1);
  if (result.error !== undefined) {
    const error = context.dump(result.error);
    result.error.dispose();
    throw new Error(`a job threw: ${JSON.stringify(error)}`);
  }
}

function answer(line) {
  const early = call(begin, line);
  if (early !== undefined) return early;
  drain();
  while (call(step)) drain();
  return call(finish);
}

write(call(hello, NAME));
// Lines end at "\n" only (a "\r" before it is dropped); empty lines are skipped.
let rest = '';
const answerLines = (text, ended) => {
  const lines = (rest + text).split('\n');
  rest = ended ? '' : lines.pop();
  for (const line of lines) if (line.trim() !== '') write(answer(line.endsWith('\r') ? line.slice(0, -1) : line));
};
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) answerLines(chunk, false);
answerLines('', true);
