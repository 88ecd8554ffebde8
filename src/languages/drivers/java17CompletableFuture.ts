import type { LanguageDriver } from '../LanguageDriver.js';

/** Java 17's `CompletableFuture.allOf`, then each child's `join()` in order, on a single-threaded virtual clock. */
export const java17CompletableFuture: LanguageDriver = {
  name: 'java-17-completablefuture',
  runtime: 'Java 17',
  primitive: 'CompletableFuture.allOf',
  mapping:
    'Cancelling the gather is cancel(true) on the future it returned, which completes at once and reaches no child; ' +
    'cancelling a task completes its future at once, so every onCancel acts as "raise". ' +
    'allOf waits for every child and fails with the first failed child in argument order.',
  needs: [
    { program: 'javac', versionArgs: ['-version'], install: 'apt-get install openjdk-17-jdk-headless' },
    { program: 'java', versionArgs: ['-version'], install: 'apt-get install openjdk-17-jdk-headless' },
  ],
  sources: 'java-17-completablefuture',
  build: ['javac -d {out} {src}/*.java'],
  run: 'java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp {out} Main',
  why: {},
};
