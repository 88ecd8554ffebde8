import type { Capabilities } from '../conformance/Capabilities.js';
import type { Run } from '../executor/Run.js';
import type { CheckPropertyOptions, PropertyReport } from '../properties/checkProperty.js';
import type { Scenario } from '../scenario/Scenario.js';
import type { Departure } from '../conformance/Departure.js';
import type { DepartureBudget } from '../conformance/findDepartures.js';
import type { ExternalSubjectOptions } from '../conformance/externalSubject.js';

/**
 * What the main thread asks a subject worker (`subjectWorker.ts`): load a module, or make
 * a subject in another process the worker's subject, starting a driver process of it to
 * speak to from the worker (`startDriverInWorker`) unless the worker already holds one;
 * check one property with fast-check there (options passed to `checkProperty` as they
 * are), search a subject's departures, run one scenario, or close every driver it holds.
 */
export type WorkerRequest =
  | { readonly kind: 'load'; readonly module: string }
  | {
      readonly kind: 'load-driver';
      /** The driver's command, run with a shell in a process group of its own; a worker holds one driver of each command. */
      readonly command: string;
      /** Its hello and answer limits. */
      readonly limits: ExternalSubjectOptions;
      readonly replay: string;
      /** An Int32 cell where the worker stores the driver's process group id (0 once it ended it); unused when it holds one. */
      readonly group: SharedArrayBuffer;
    }
  | { readonly kind: 'close-drivers' }
  | {
      readonly kind: 'check';
      readonly property: string;
      readonly options: CheckPropertyOptions;
      readonly determinism: boolean;
    }
  | {
      /** Search the departures behind a first round of verdicts (`findDepartures`), re-checking in the worker. */
      readonly kind: 'departures';
      /** The first round, in the order of `properties`. */
      readonly reports: readonly EncodedPropertyReport[];
      /** The ids of the properties checked, in order. */
      readonly properties: readonly string[];
      readonly options: CheckPropertyOptions;
      readonly budget: DepartureBudget;
      readonly determinism: boolean;
    }
  | {
      readonly kind: 'run';
      readonly scenario: Scenario;
      readonly ties: readonly number[] | undefined;
      readonly determinism: boolean;
    };

/** A property's verdict as a worker sends it: the property by id (a property holds functions). */
export type EncodedPropertyReport = PropertyReport extends infer Report
  ? Report extends PropertyReport
    ? Omit<Report, 'property'> & { readonly property: string }
    : never
  : never;

/** A departure as a worker sends it: its failure's property by id. */
export type EncodedDeparture = Omit<Departure, 'failure'> & { readonly failure: EncodedPropertyReport };

/**
 * What a subject worker says: that it is ready (the checker's own modules imported), the
 * loaded subject (or why it cannot load), a scenario it is about to run whose text is too
 * long for the shared heartbeat (`heartbeat.ts`), a verdict or a run, and that its driver
 * broke or that its drivers are closed.
 */
export type WorkerReply =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'loaded';
      readonly name: string;
      readonly supports: Capabilities;
      readonly replay: string;
      /** A driver's start-up its first answer is still allowed (docs/protocol.md#start-up): 0 once it was sent a scenario. */
      readonly startupMs?: number;
    }
  | { readonly kind: 'load-problem'; readonly problem: string; readonly missingPackage: boolean }
  | { readonly kind: 'scenario'; readonly scenario: Scenario }
  | { readonly kind: 'checked'; readonly report: EncodedPropertyReport }
  | { readonly kind: 'departed'; readonly departures: readonly EncodedDeparture[] }
  | { readonly kind: 'ran'; readonly run: Run }
  /** The worker's driver broke while running `scenario` (sent at once, the request still going on). */
  | { readonly kind: 'driver-broke'; readonly reason: string; readonly scenario: Scenario }
  | { readonly kind: 'drivers-closed' }
  | { readonly kind: 'threw'; readonly error: string };
