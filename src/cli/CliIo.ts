/** Where a command reads and writes: the process's streams, or a test's. */
export interface CliIo {
  readonly stdin: AsyncIterable<string | Buffer> & NodeJS.ReadableStream;
  /** `isTTY`: a terminal, where colour may be used (see `useColour`). */
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  /** The environment (`NO_COLOR`, `TERM`); none in tests unless given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stderr: { write(text: string): unknown };
}

/**
 * A process's output stream for a command. Once its reader has gone (`gather-sim run | head -1`:
 * EPIPE), what is written is dropped, quietly: the command finishes and ends with its own exit
 * status, instead of Node's crash on an unhandled 'error' event.
 */
export function processOutput(stream: NodeJS.WriteStream): CliIo['stdout'] {
  let gone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    gone = true;
  });
  return {
    write: (text: string) => gone || stream.write(text),
    get isTTY() {
      return stream.isTTY;
    },
  };
}

/** Exit codes: 0 ok, 1 a finding (a mismatch, a failing property), 2 bad usage or input. */
export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;

/** Reads a whole stream as UTF-8 text. */
export async function readAll(stream: AsyncIterable<string | Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}
