#!/usr/bin/env node
// Runs MicroPython reproduction scripts on MicroPython's own loop in real time (the real
// Date.now and JavaScript timers of its WebAssembly port, no gather-sim driver), each in a
// fresh MicroPython, and prints what they print. An error that escapes the loop is printed as
// `uncaught NAME`; a script whose loop stops for good is cut off after a short watchdog.
//
//   node properties/pythons/repro/micropython-run.mjs properties/pythons/repro/micropython-*.py
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript';

const WATCHDOG_MS = 1000;

process.on('uncaughtException', (error) => console.log(`uncaught ${error.type ?? error.name}`));
for (const file of process.argv.slice(2)) {
  console.log(`== ${basename(file)}`);
  const micropython = await loadMicroPython({ stdout: (line) => console.log(line) });
  let watchdog;
  const stalled = new Promise((resolve) => {
    watchdog = setTimeout(() => resolve('stalled'), WATCHDOG_MS);
  });
  const ended = await Promise.race([micropython.runPythonAsync(readFileSync(file, 'utf8')), stalled]);
  clearTimeout(watchdog);
  if (ended === 'stalled') console.log(`stalled: the loop did not finish the script within ${WATCHDOG_MS} ms`);
}
process.exit(0);
