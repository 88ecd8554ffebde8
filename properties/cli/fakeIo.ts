import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/CliIo.js';

/** Streams for a command in a test: `input` on stdin, and what it wrote to stdout and stderr. Not a terminal. */
export function fakeIo(input = ''): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: Readable.from([input]) as CliIo['stdin'],
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}
