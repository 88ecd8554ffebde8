/** A feature of asyncio.gather that not every gather has. */
export type Capability = 'returnExceptions' | 'cancellation' | 'dedupe';

/**
 * What a subject claims to support (docs/protocol.md#transport: the hello's `supports`; a missing key means
 * false): `returnExceptions` (errors as results, R6), `cancellation` (the gather takes a
 * `signal` and cancels its children, R8 and R10) and `dedupe` (a child passed twice starts
 * once, R1).
 */
export type Capabilities = { readonly [K in Capability]?: boolean };

/** Every capability, in the order reports list them. */
export const CAPABILITIES: readonly Capability[] = ['returnExceptions', 'cancellation', 'dedupe'];

/** The capabilities in `needs` that `supports` does not claim. */
export function missingCapabilities(needs: readonly Capability[], supports: Capabilities): Capability[] {
  return needs.filter((capability) => supports[capability] !== true);
}
