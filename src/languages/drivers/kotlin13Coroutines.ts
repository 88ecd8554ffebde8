import type { LanguageDriver } from '../LanguageDriver.js';

/** The run-time jars, by versioned name: their paths key the build cache, and probing a file is instant (`kotlinc -version` takes 3-6 s). */
const jars = ['kotlin-stdlib-1.3.31', 'kotlinx-coroutines-core-1.0.1', 'atomicfu-0.11.12'].map(
  (jar) => `/usr/share/java/${jar}.jar`,
);
const install = 'apt-get install kotlin libkotlinx-coroutines-java libkotlinx-atomicfu-java';

/** Kotlin coroutines (kotlinx.coroutines 1.0.1): `coroutineScope { async ... awaitAll() }` on a single-threaded virtual-time dispatcher. */
export const kotlin13Coroutines: LanguageDriver = {
  name: 'kotlin-1.3-coroutines',
  runtime: 'Kotlin 1.3 (kotlinx.coroutines 1.0.1)',
  primitive: 'coroutineScope { async } + awaitAll',
  mapping:
    "Cancelling the gather is cancel() on the coroutineScope's Job; the first failure cancels every sibling and the scope " +
    'settles once all have finished, with the first failure (the others suppressed); onCancel runs in withContext(NonCancellable), ' +
    'and a cancelled Job never completes with a value.',
  needs: [
    { program: 'java', versionArgs: ['-version'], install: 'apt-get install openjdk-17-jdk-headless' },
    { file: '/usr/bin/kotlinc', install },
    ...jars.map((file) => ({ file, install })),
  ],
  sources: 'kotlin-1.3-coroutines',
  build: [`kotlinc -Xuse-experimental=kotlin.Experimental -cp ${jars.slice(1).join(':')} -d {out} {src}/*.kt`],
  run: `java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp {out}:${jars.join(':')} MainKt`,
  why: {
    error:
      'coroutineScope "fails, cancelling all the other children" when a child fails and "returns as soon as the given block and all its child coroutines are completed" ' +
      '(kotlinx.coroutines docs), so siblings are cancelled and the gather settles after them; a child failing in its first step (delay(0) returns at once) cancels siblings ' +
      'not yet dispatched, which under CoroutineStart.DEFAULT "will not start its execution at all".',
    'on-cancel-ignore':
      'A Job cancelled while running completes with its CancellationException even when its body goes on and returns a value (JobSupport keeps the cancellation as the final state), ' +
      'so a child that ignores the request ends cancelled, never with its value.',
    'on-cancel-cleanup':
      'coroutineScope "returns as soon as the given block and all its child coroutines are completed", so a cancelled or failed gather settles only once every child has ' +
      'finished its cleanup (in withContext(NonCancellable)), not when the first child settles.',
    'cancel-gather':
      "Cancelling the scope's Job cancels every child, and the scope completes only once all of them have completed, so one child's cleanup delays the gather's " +
      'cancellation where asyncio rejects as soon as the first child settles.',
    'cancel-task':
      'awaitAll "resumes with the first thrown exception if any of computations complete exceptionally including cancellation" (kotlinx.coroutines 1.0.1), ' +
      "so a child cancelled from outside fails the scope's block, which cancels every sibling.",
  },
};
