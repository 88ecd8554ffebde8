import type { ErrorSpec } from '../scenario/Scenario.js';

/**
 * A fresh error object of a fresh plain error class named `spec.name`, as the protocol
 * asks: never a built-in, so a gather cannot tell it apart by class.
 */
export function scriptError(spec: ErrorSpec): Error {
  const { name } = spec;
  const ErrorClass = {
    [name]: class extends Error {
      constructor(message: string) {
        super(message);
        this.name = name;
      }
    },
  }[name] as new (message: string) => Error;
  return new ErrorClass(spec.message);
}
