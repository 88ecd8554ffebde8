import fc from 'fast-check';
import { gather, runScenario, scenarioArbitrary } from 'gather-sim';
import { isAllowed, predict } from 'gather-sim/oracle';

// Your own property, on your own fast-check (3 or 4): here, every observation of the
// reference gather is one the oracle allows.
await fc.assert(
  fc.asyncProperty(scenarioArbitrary(), async (scenario) => {
    const run = await runScenario(scenario, gather);
    return isAllowed(predict(scenario), run.observation);
  }),
  { numRuns: 100 },
);
console.log(`fast-check ${fc.__version}: 100 scenarios, each observation allowed by the oracle`);
