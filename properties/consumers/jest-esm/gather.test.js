import { assertGather } from 'gather-sim';
import { myGather } from './myGather.js';

test('myGather behaves like asyncio.gather', async () => {
  await assertGather(myGather, { runs: 100 });
}, 60_000);
