import type { LanguageDriver } from '../LanguageDriver.js';

/** Bun's own `Promise.all` (JavaScriptCore), run by the plain-ECMAScript core. */
export const bunPromiseAll: LanguageDriver = {
  name: 'bun-1.4-promise-all',
  runtime: 'Bun 1.4 (JavaScriptCore)',
  primitive: 'Promise.all',
  mapping:
    'Promise.all (Promise.allSettled for returnExceptions) over one promise per task, so a task passed twice starts once; it takes no signal, so the gather cannot be cancelled, and a leaf cancelled from outside rejects with a CancelledError.',
  needs: [{ npmPackage: 'bun', install: 'npm install -D bun' }],
  sources: 'js-promise-all',
  build: [],
  run: '{package:bun}/bin/bun.exe {src}/bun.mjs',
  why: {},
};
