/** C0 controls (line breaks and tabs included), DEL, C1 controls, and the line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * User data (a name, a description, an error message, a value) made safe for a terminal:
 * every control character is written visibly as a `\u001b`-style escape, as JSON writes it,
 * so an escape sequence in a scenario or from a subject cannot clear the screen, move the
 * cursor or forge a line of output. Pure; text without controls comes back as it was.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An SGR colour sequence (what the report's own colours are made of), or any other control character. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_OR_COLOUR = /\u001b\[[0-9;]*m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A whole report or progress line for a terminal, made safe after it was formatted: line
 * breaks and colour sequences (harmless, and the report's own) stay; every other control
 * character, wherever it came from (a subject's name, an error message a subject threw), is
 * written visibly as by {@link escapeControl}, so nothing can clear the screen or move the cursor.
 */
export function escapeTerminalOutput(text: string): string {
  return text.replace(CONTROL_OR_COLOUR, (match) => (match.length > 1 ? match : escapeControl(match)));
}
