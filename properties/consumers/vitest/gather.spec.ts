import { describeGatherConformance } from 'gather-sim/vitest';
import { myGather } from './myGather.js';

describeGatherConformance(myGather, { runs: 100 });
