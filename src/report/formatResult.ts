import type { ErrorJson, GatherOutcome, ResultJson } from '../observation/Observation.js';
import { escapeControl } from './escapeControl.js';

/** An error in one short phrase: `APIError("API failed") from task 2`, or `CancelledError`. */
export function formatError(error: ErrorJson): string {
  if (error.name === 'CancelledError' && error.message === '' && error.task === undefined) return 'CancelledError';
  const origin = error.task === undefined ? '' : ` from task ${error.task}`;
  return escapeControl(`${error.name}(${JSON.stringify(error.message)})${origin}`);
}

/** One RESULT as a person reads it; nested result lists recursively. */
export function formatResult(result: ResultJson): string {
  if ('error' in result) return formatError(result.error);
  return escapeControl(JSON.stringify(result.value));
}

/** A gather's outcome in one line: `value [100, 200] at 2000 ms`. */
export function formatGatherOutcome(outcome: GatherOutcome): string {
  if ('pending' in outcome) return 'never settled (pending)';
  if ('error' in outcome) return `rejected at ${outcome.at} ms with ${formatError(outcome.error)}`;
  return `resolved at ${outcome.at} ms with [${outcome.value.map(formatResult).join(', ')}]`;
}
