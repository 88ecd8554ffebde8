import { describe, it } from 'vitest';
import { assertProperty, gatherProperties, gather as myGather } from 'gather-sim';

// Put your gather here: (children, { returnExceptions, signal }) => Promise<unknown[]>,
// each child being (signal: AbortSignal) => Promise<unknown>.
describe('myGather behaves like asyncio.gather', () => {
  for (const property of gatherProperties) {
    it(`${property.rule} ${property.id}: ${property.statement}`, async () => {
      await assertProperty(property, myGather, { seed: 42, numRuns: 100 });
    });
  }
});
