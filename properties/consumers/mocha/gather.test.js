import { assertGather } from 'gather-sim';
import { myGather } from './myGather.js';

describe('myGather', function () {
  this.timeout(60_000);
  it('behaves like asyncio.gather', async () => {
    await assertGather(myGather, { runs: 100 });
  });
});
