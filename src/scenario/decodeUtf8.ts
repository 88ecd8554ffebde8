import { INPUT_LIMITS } from './inputLimits.js';

/** Bytes read as UTF-8 text, or why they cannot be. */
export type Decoding = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** The offset of the first byte that does not begin or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next];
      if (byte === undefined) return index;
      // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
      const low = next > 1 ? 0x80 : lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = next > 1 ? 0xbf : lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (byte < low || byte > high) return index;
    }
    index += length;
  }
  return index;
}

/**
 * Decodes a whole input (a file, standard input, a protocol line) as UTF-8, at once, so no
 * character is split: a leading byte-order mark is dropped; invalid UTF-8, or more than
 * {@link INPUT_LIMITS}.bytes bytes, is a problem naming the byte offset or the size.
 */
export function decodeUtf8(bytes: Uint8Array): Decoding {
  if (bytes.length > INPUT_LIMITS.bytes) {
    return {
      ok: false,
      problem: `${bytes.length} bytes: the limit is ${INPUT_LIMITS.bytes} bytes (docs/protocol.md#limits)`,
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    return { ok: false, problem: `not valid UTF-8: byte 0x${byte} at byte offset ${offset}` };
  }
}
