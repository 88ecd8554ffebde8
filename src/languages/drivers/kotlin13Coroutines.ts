import type { LanguageDriver } from '../LanguageDriver.js';

const jars = ['kotlin-stdlib', 'kotlinx-coroutines-core', 'atomicfu'].map((jar) => `/usr/share/java/${jar}.jar`);
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
    { program: 'kotlinc', versionArgs: ['-version'], install },
    { program: 'java', versionArgs: ['-version'], install: 'apt-get install openjdk-17-jdk-headless' },
    ...jars.map((file) => ({ file, install })),
  ],
  sources: 'kotlin-1.3-coroutines',
  build: [`kotlinc -Xuse-experimental=kotlin.Experimental -cp ${jars.slice(1).join(':')} -d {out} {src}/*.kt`],
  run: `java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp {out}:${jars.join(':')} MainKt`,
  why: {},
};
