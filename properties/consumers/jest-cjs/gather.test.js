const { assertGather } = require('gather-sim');
const { myGather } = require('./myGather.js');

test('myGather behaves like asyncio.gather', async () => {
  await assertGather(myGather, { runs: 100 });
}, 60_000);
