import { open } from 'node:fs/promises';
import { decodeUtf8 } from '../scenario/decodeUtf8.js';
import { INPUT_LIMITS } from '../scenario/inputLimits.js';

/** The text of a file or of standard input, or why it cannot be had. */
export type InputText = { readonly text: string } | { readonly problem: string };

const TOO_BIG = `more than ${INPUT_LIMITS.bytes} bytes: the limit is ${INPUT_LIMITS.bytes} bytes (docs/protocol.md#limits)`;

/** Reads a stream's bytes whole, up to the size limit, and decodes them once. */
async function readStream(stream: AsyncIterable<string | Buffer>): Promise<InputText> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    if (size > INPUT_LIMITS.bytes) return { problem: TOO_BIG };
    chunks.push(bytes);
  }
  const decoded = decodeUtf8(Buffer.concat(chunks));
  return decoded.ok ? { text: decoded.text } : { problem: decoded.problem };
}

/**
 * The text of scenario file `path`, or of standard input for `-`: read whole (a file
 * bigger than the limit is refused before it is read) and decoded as UTF-8 at once, so
 * stdin gives the same text as the file, whatever its chunks. A problem says what is wrong
 * (size, invalid UTF-8 with its byte offset, a file that cannot be read).
 */
export async function readInputText(path: string, stdin: AsyncIterable<string | Buffer>): Promise<InputText> {
  if (path === '-') return readStream(stdin);
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > INPUT_LIMITS.bytes)
        return { problem: `${size} bytes: the limit is ${INPUT_LIMITS.bytes} bytes (docs/protocol.md#limits)` };
      const decoded = decodeUtf8(await handle.readFile());
      return decoded.ok ? { text: decoded.text } : { problem: decoded.problem };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { problem: `cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
