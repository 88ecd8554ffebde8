import {
  startDriverProcess,
  type DriverStart,
  type DriverProcess,
  type ExternalSubjectOptions,
} from './externalSubject.js';

/** Driver processes of one external subject, started ahead and lent out one at a time; see {@link startDriverPool}. */
export interface DriverPool {
  /** The first driver's start: its hello names the subject and its capabilities. */
  readonly first: DriverStart;
  /** A driver no one holds: one given back, else one started ahead, else a new one (or why it could not start). */
  take(): Promise<DriverStart>;
  /** Gives a driver back for the next `take`; a broken one is closed instead. */
  give(driver: DriverProcess): void;
  /** Closes every driver it started, lent or not (see `ExternalSubject.close`). */
  close(): Promise<void>;
}

/**
 * Starts `size` driver processes of COMMAND at once (`startDriverProcess`), so that the
 * slow start-up of each (spawn, a runtime's boot, the hello) goes on while other work does,
 * and resolves once the first has said hello: the others are still booting. The drivers
 * are lent out to check a subject's properties in parallel; each keeps its own request ids.
 */
export async function startDriverPool(
  command: string,
  size: number,
  options: ExternalSubjectOptions = {},
): Promise<DriverPool> {
  const started: Promise<DriverStart>[] = [];
  const start = (): Promise<DriverStart> => {
    const starting = startDriverProcess(command, options);
    started.push(starting);
    return starting;
  };
  const ahead = Array.from({ length: Math.max(1, size) }, start);
  const first = await (ahead.shift() as Promise<DriverStart>);
  const idle: DriverProcess[] = first.ok ? [first.subject] : [];
  return {
    first,
    take() {
      const driver = idle.shift();
      if (driver !== undefined) return Promise.resolve({ ok: true, subject: driver });
      return ahead.shift() ?? start();
    },
    give(driver) {
      if (driver.broken() === undefined) idle.push(driver);
      else void driver.close();
    },
    async close() {
      const all = await Promise.all(started);
      await Promise.all(all.flatMap((one) => (one.ok ? [one.subject.close()] : [])));
    },
  };
}
