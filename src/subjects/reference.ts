import type { Subject } from '../conformance/Subject.js';
import { gather } from '../gather/gather.js';

/** The reference gather: asyncio.gather's semantics, every capability. */
const reference: Subject = {
  name: 'reference',
  supports: { returnExceptions: true, cancellation: true, dedupe: true },
  gather,
};

export default reference;
