import type { LanguageDriver } from '../LanguageDriver.js';

/** Deno's own `Promise.all` (V8), run by the plain-ECMAScript core. */
export const denoPromiseAll: LanguageDriver = {
  name: 'deno-2.9-promise-all',
  runtime: 'Deno 2.9 (V8)',
  primitive: 'Promise.all',
  mapping:
    'Promise.all (Promise.allSettled for returnExceptions) over one promise per task, so a task passed twice starts once; it takes no signal, so the gather cannot be cancelled, and a leaf cancelled from outside rejects with a CancelledError.',
  needs: [{ npmPackage: 'deno', install: 'npm install -D deno' }],
  sources: 'js-promise-all',
  build: [],
  run: '{package:deno}/deno run --quiet --no-config --no-lock {src}/deno.mjs',
  why: {},
};
