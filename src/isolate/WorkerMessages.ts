import type { MessagePort } from 'node:worker_threads';
import type { Capabilities } from '../conformance/Capabilities.js';
import type { Run } from '../executor/Run.js';
import type { CheckPropertyOptions, PropertyReport } from '../properties/checkProperty.js';
import type { Scenario } from '../scenario/Scenario.js';
import type { Departure } from '../conformance/Departure.js';
import type { DepartureBudget } from '../conformance/findDepartures.js';

/**
 * What the main thread asks a subject worker (`subjectWorker.ts`): load the module (once,
 * first), or take a subject in another process whose scenarios the main thread runs (a
 * driver of its pool answers each one sent on `port`: `portRunner`), check one property with fast-check there (options passed to `checkProperty` as they
 * are), search a subject's departures, or run one scenario.
 */
export type WorkerRequest =
  | { readonly kind: 'load'; readonly module: string }
  | {
      readonly kind: 'load-external';
      readonly name: string;
      readonly supports: Capabilities;
      readonly replay: string;
      /** Where the worker sends each scenario and gets its run back (transferred with the request). */
      readonly port: MessagePort;
    }
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
 * long for the shared heartbeat (`heartbeat.ts`), and a verdict or a run.
 */
export type WorkerReply =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'loaded';
      readonly name: string;
      readonly supports: Capabilities;
      readonly replay: string;
    }
  | { readonly kind: 'load-problem'; readonly problem: string; readonly missingPackage: boolean }
  | { readonly kind: 'scenario'; readonly scenario: Scenario }
  | { readonly kind: 'checked'; readonly report: EncodedPropertyReport }
  | { readonly kind: 'departed'; readonly departures: readonly EncodedDeparture[] }
  | { readonly kind: 'ran'; readonly run: Run }
  | { readonly kind: 'threw'; readonly error: string };
