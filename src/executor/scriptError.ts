import { withoutStack } from './withoutStack.js';
import type { ErrorSpec } from '../scenario/Scenario.js';

type ErrorClass = new (message: string) => Error;

/** The scripts' error classes by name, made on first use (bounded, for long campaigns). */
const classes = new Map<string, ErrorClass>();
const MAX_CLASSES = 1000;

function classNamed(name: string): ErrorClass {
  const known = classes.get(name);
  if (known !== undefined) return known;
  if (classes.size >= MAX_CLASSES) classes.clear();
  // The computed key gives the class its name; the key is there, so the lookup is never undefined.
  const made = { [name]: class extends Error {} }[name] as ErrorClass;
  // On the prototype, as the built-in errors have it: no own property to add per error.
  Object.defineProperty(made.prototype, 'name', { value: name, writable: true, configurable: true });
  classes.set(name, made);
  return made;
}

/**
 * A fresh error object of a plain error class named `spec.name`, as the protocol asks: never
 * a built-in, so a gather cannot tell it apart by class. The class of a name is made once
 * (making a class cost more than all else an error does), and the object has no stack trace
 * (it is never observed, and capturing one cost as much again).
 */
export function scriptError(spec: ErrorSpec): Error {
  const ErrorClass = classNamed(spec.name);
  return withoutStack(() => new ErrorClass(spec.message));
}
