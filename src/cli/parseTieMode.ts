import { isTieMode, TIE_MODES, type TieMode } from '../clock/TieChoice.js';
import type { CliIo } from './CliIo.js';

/** `--ties MODE`: undefined when absent, null (after saying why) when unknown. */
export function parseTieMode(text: string | undefined, command: string, io: CliIo): TieMode | undefined | null {
  if (text === undefined) return undefined;
  if (isTieMode(text)) return text;
  io.stderr.write(`gather-sim ${command}: --ties: expected one of ${TIE_MODES.join(', ')}, got "${text}"\n`);
  return null;
}
