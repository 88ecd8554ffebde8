// node dist/bench/hot.js [passes] [headline|children]: the headline side by side and the cost
// per child alone (or one of them), the rows of `npm run bench` the per-scenario cost moves,
// in seconds instead of minutes.
import { bareLoop, floor, harness, type Measure } from './measure.js';
import { HEADLINE, workload } from './workloads.js';

const passes = Number(process.argv[2] ?? 5);
const only = process.argv[3];
if (only !== 'children') await headline();
if (only !== 'headline') await perChild();

async function headline(): Promise<void> {
  const scenarios = workload(HEADLINE);
  const ways: Record<string, Measure> = { harness, bareLoop, floor };
  const fastest: Record<string, number> = { harness: 0, bareLoop: 0, floor: 0 };
  for (const measure of Object.values(ways)) await measure(scenarios);
  for (let pass = 0; pass < passes; pass += 1)
    for (const [name, measure] of Object.entries(ways))
      fastest[name] = Math.max(fastest[name] ?? 0, await measure(scenarios));
  const rates = { harness: fastest.harness ?? 0, bareLoop: fastest.bareLoop ?? 0, floor: fastest.floor ?? 0 };
  process.stdout.write(
    `harness ${rates.harness.toFixed(0)}/s  bare ${rates.bareLoop.toFixed(0)}/s  floor ${rates.floor.toFixed(0)}/s  ` +
      `harness/bare ${(rates.harness / rates.bareLoop).toFixed(2)}  harness/floor ${(rates.harness / rates.floor).toFixed(2)}\n`,
  );
}

async function perChild(): Promise<void> {
  const costs: number[] = [];
  for (const children of [10, 100, 1000, 10_000]) {
    const shape = { ...HEADLINE, children, scenarios: 20_000 / children };
    const batch = workload(shape);
    await harness(batch);
    let rate = 0;
    for (let pass = 0; pass < 3; pass += 1) rate = Math.max(rate, await harness(batch));
    const micros = 1e6 / rate / children;
    costs.push(micros);
    process.stdout.write(`${String(children).padStart(6)} children  ${micros.toFixed(2)} us/child\n`);
  }
  process.stdout.write(`spread ${((Math.max(...costs) / Math.min(...costs) - 1) * 100).toFixed(0)}%\n`);
}
