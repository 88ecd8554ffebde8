import type { DriverSpec } from './isolatedExternalSubject.js';
import type { IsolatedSubject } from './loadIsolatedSubject.js';
import type { SharedWorkers } from './sharedWorkers.js';

/**
 * Opens a bundled subject in another process (one of our own drivers, vetted) to check in
 * the `shared` workers, as the bundled modules are: a shared worker spawns its driver now
 * and reads its hello (its name and capabilities), and goes back to the pool with the
 * driver, which boots on meanwhile; each `startWorker` lends a shared worker with the driver
 * as its subject (`SharedWorkers.takeDriver`: one that holds it, else one that spawns it
 * then). The drivers end with their workers (`SharedWorkers.close`). The first driver's
 * problem (no hello, a bad one, a crash) comes back instead of a subject.
 */
export async function sharedExternalSubject(
  driver: DriverSpec,
  shared: SharedWorkers,
): Promise<{ readonly subject: IsolatedSubject } | { readonly problem: string }> {
  const first = await shared.takeDriver(driver);
  if (!first.ok) return { problem: first.what };
  await first.worker.close();
  return {
    subject: {
      module: driver.command,
      name: first.loaded.name,
      supports: first.loaded.supports,
      replay: driver.replay,
      async startWorker() {
        const loan = await shared.takeDriver(driver);
        return loan.ok ? { ok: true, worker: loan.worker } : { ok: false, what: loan.what };
      },
      close: () => Promise.resolve(),
    },
  };
}
