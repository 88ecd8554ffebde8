import { CPYTHON_SUBJECT } from './cpythonDriver.js';
import { PYODIDE_SUBJECT } from './pyodideDriver.js';
import { MICROPYTHON_SUBJECT } from './micropythonDriver.js';

/**
 * The subjects bundled for the conformance matrix, by name, each with its module (beside
 * this file) and the npm package it needs. The libraries are development dependencies of
 * gather-sim: where one is not installed, its subject is reported as skipped.
 */
export const BUNDLED_SUBJECTS: readonly { readonly name: string; readonly module: string; readonly needs?: string }[] =
  [
    { name: 'reference', module: 'reference.js' },
    { name: 'Promise.all', module: 'promiseAll.js' },
    { name: 'p-all', module: 'pAll.js', needs: 'p-all' },
    { name: 'p-map', module: 'pMap.js', needs: 'p-map' },
    { name: 'p-settle', module: 'pSettle.js', needs: 'p-settle' },
    { name: 'bluebird', module: 'bluebird.js', needs: 'bluebird' },
    { name: 'async', module: 'async.js', needs: 'async' },
    { name: 'effect', module: 'effect.js', needs: 'effect' },
    { name: 'effection', module: 'effection.js', needs: 'effection' },
  ];

/** Every subject of the bundled matrix, in order: the modules above, then the real asyncio.gathers over the protocol (CPython's, CPython 3.14's in Pyodide, MicroPython's). */
export const BUNDLED_MATRIX: readonly string[] = [
  ...BUNDLED_SUBJECTS.map((subject) => subject.name),
  CPYTHON_SUBJECT,
  PYODIDE_SUBJECT,
  MICROPYTHON_SUBJECT,
];

/**
 * The bundled subjects `check`'s slots take first, slowest to check first (CPU seconds
 * alone: Pyodide's CPython about 8, effection 6, CPython 4, MicroPython 2.5, effect and
 * bluebird about 2; the others about 1): the heavy ones start early on their own slots and
 * the light ones, which a warm shared worker takes up at no cost, fill the end, where
 * slots share subjects. The report keeps the order of `BUNDLED_MATRIX`.
 */
export const BUNDLED_FIRST: readonly string[] = [
  PYODIDE_SUBJECT,
  'effection',
  CPYTHON_SUBJECT,
  MICROPYTHON_SUBJECT,
  'effect',
  'bluebird',
];
