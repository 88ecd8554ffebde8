import type { DepartureTrigger } from '../conformance/Departure.js';

/**
 * What a driver needs before it can run: a program on the PATH (its version output keys the
 * build cache), a file such as a library jar, or an npm package resolvable from gather-sim.
 * `install` is the line a user runs to get it, shown in "skipped (needs X: install)".
 */
export type DriverNeed =
  | { readonly program: string; readonly versionArgs: readonly string[]; readonly install: string }
  | { readonly file: string; readonly install: string }
  | { readonly npmPackage: string; readonly install: string };

/**
 * A driver for another language's gather, described as data: what it needs, the files it is
 * built from, how to build it (if it needs building) and the command that runs it. Commands
 * are shell commands in which `{src}` is the driver's source folder (`src/drivers/<sources>`),
 * `{out}` its build folder in the cache, `{node}` this Node, and `{package:NAME}` the folder
 * of an installed npm package; each is replaced by a quoted absolute path.
 */
export interface LanguageDriver {
  /** The subject's name in the matrix and on the command line, like `java-17-completablefuture`. */
  readonly name: string;
  /** The language or runtime, like `Java 17`. */
  readonly runtime: string;
  /** The primitive checked, like `CompletableFuture.allOf`. */
  readonly primitive: string;
  /** The mapping choices in one or two sentences: what "cancel the gather" is, how several errors become one. */
  readonly mapping: string;
  /** What must be installed first. */
  readonly needs: readonly DriverNeed[];
  /**
   * The folder under `src/drivers/` the driver is built from (an absolute path: that folder,
   * for a driver kept outside gather-sim); every file in it keys the build cache.
   */
  readonly sources: string;
  /** Shell commands run in order in a fresh build folder (`{out}`); none for a driver that runs from source. */
  readonly build: readonly string[];
  /** The shell command that starts the driver (it then speaks gather-sim/1 on stdin/stdout). */
  readonly run: string;
  /**
   * Why the runtime departs from asyncio.gather, one sentence per departure found (keyed by
   * the departure's trigger, as `check` prints it): the runtime's documented design, or a bug.
   */
  readonly why: Readonly<Partial<Record<DepartureTrigger, string>>>;
}
