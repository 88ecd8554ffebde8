import type { LanguageDriver } from '../LanguageDriver.js';

/** QuickJS's own `Promise.all`, in WebAssembly (quickjs-emscripten), run by the plain-ECMAScript core. */
export const quickjsPromiseAll: LanguageDriver = {
  name: 'quickjs-2025-09-13-promise-all',
  runtime: 'QuickJS 2025-09-13 (WebAssembly)',
  primitive: 'Promise.all',
  mapping:
    'Promise.all (Promise.allSettled for returnExceptions) over one promise per task, so a task passed twice starts once; it takes no signal, so the gather cannot be cancelled, and a leaf cancelled from outside rejects with a CancelledError.',
  needs: [
    { npmPackage: 'quickjs-emscripten-core', install: 'npm install -D quickjs-emscripten-core' },
    {
      npmPackage: '@jitl/quickjs-wasmfile-release-sync',
      install: 'npm install -D @jitl/quickjs-wasmfile-release-sync',
    },
  ],
  sources: 'js-promise-all',
  build: [],
  run: '{node} {src}/quickjs.mjs',
  why: {},
};
