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
  run: 'java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp {out} Main',
  why: {
    error:
      'allOf returns a future "completed when all of the given CompletableFutures complete" (JDK 17 javadoc), so it waits for every child, ' +
      "and its andTree's biRelay relays the left operand's exception first, so it fails with the first failed child by argument order, not the first to fail.",
    'cancel-gather':
      'cancel() completes only that future and its dependents ("Dependent CompletableFutures that have not already completed will also complete exceptionally", JDK 17 javadoc), ' +
      'never the futures it depends on, so cancelling the gather reaches no child.',
    'on-cancel-cleanup':
      'cancel() "completes this CompletableFuture with a CancellationException" at once, and mayInterruptIfRunning "has no effect in this implementation" (JDK 17 javadoc), ' +
      'so the work behind a cancelled future can neither clean up first nor be told to.',
    'cancel-task':
      'A child cancelled from outside completes with a CancellationException at once, but allOf completes only "when all of the given ' +
      'CompletableFutures complete" (JDK 17 javadoc), so the gather fails with that cancellation only when its siblings have finished, ' +
      'where asyncio fails it at the instant of the cancellation.',
  },
};
