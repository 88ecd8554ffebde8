import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'dist/src/cli/main.js');
/** Debian's chromium, which .ci/run installs when it is missing; CHROMIUM_PATH for another. */
const browserPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveBrowser = existsSync(browserPath);
if (!haveBrowser && process.env['CI'] === 'true')
  throw new Error(`no Chromium at ${browserPath}: .ci/run installs Debian's chromium (apt-get install chromium)`);
if (!haveBrowser)
  console.warn(
    `skipping the HTML report's browser test: no Chromium at ${browserPath} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );

/** How the probe of this machine kind starts Chromium headless as root, without the network. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How execFile rejects when the command exits non-zero. */
interface ExecFailure {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The part of a DOM element the test reads in the page (this project compiles without the DOM library). */
interface LaidOut {
  getBoundingClientRect(): { readonly width: number; readonly left: number; readonly right: number };
  querySelectorAll(selectors: string): ArrayLike<LaidOut>;
}

describe.skipIf(!haveBrowser)('check --html in headless Chromium', () => {
  it('writes a page that a browser loads and that shows the matrix and a failing timeline drawn in SVG', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gather-sim-html-'));
    const page = join(folder, 'report.html');
    // p-settle waits for every child, so R5's counterexample is a failing timeline.
    const checked = await promisify(execFile)('node', [
      bin,
      'check',
      'reference',
      'p-settle',
      '--property',
      'siblings-live-on,order',
      '--runs',
      '60',
      '--html',
      page,
    ]).catch((error: unknown) => error as ExecFailure);
    expect('code' in checked ? checked.code : 0).toBe(1);
    expect(checked.stderr).toContain(`wrote ${page}`);

    const browser = await chromium.launch({ executablePath: browserPath, args: FLAGS });
    try {
      const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await tab.goto(pathToFileURL(page).href);
      expect(await tab.title()).toBe('gather-sim check: 2 properties on 2 subjects');
      // No script draws anything: the timelines are markup in the file.
      expect(await tab.locator('script').count()).toBe(0);
      const header = await tab.locator('table.matrix thead th').allTextContents();
      expect(header).toEqual(['property', 'rule', 'reference', 'p-settle']);
      const row = tab.locator('table.matrix tbody tr', { hasText: 'siblings-live-on' });
      expect(await row.locator('td').allTextContents()).toEqual(['R5', 'pass', 'FAIL']);

      // The FAIL links to its failure, which shows a timeline the browser lays out.
      await row.locator('td.FAIL a').click();
      const section = tab.locator('section#fail-p-settle-siblings-live-on');
      await expect.poll(() => new URL(tab.url()).hash).toBe('#fail-p-settle-siblings-live-on');
      expect(await section.locator('h2').textContent()).toBe('p-settle: FAIL R5 siblings-live-on');
      // The expected timeline (asyncio.gather's) above the subject's.
      expect(await section.locator('div.timeline.expected svg.timeline').isVisible()).toBe(true);
      const svg = section.locator('div.timeline.subject svg.timeline');
      expect(await svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect(box?.height ?? 0).toBeGreaterThan(60);

      // One lane per task of the counterexample, and the gather's last; each started task marked with its outcome.
      const scenario = JSON.parse((await section.locator('pre.scenario-json').textContent()) ?? '{}') as {
        tasks: unknown[];
      };
      const lanes = svg.locator('g.lane.task');
      expect(await lanes.count()).toBe(scenario.tasks.length);
      for (let index = 0; index < scenario.tasks.length; index += 1) {
        const lane = lanes.nth(index);
        const outcome = await lane.getAttribute('data-outcome');
        expect(await lane.locator(`.mark.${outcome ?? 'none'}`).count(), `task ${index}`).toBe(1);
        expect(await lane.locator('text.label').textContent()).toBe(`task ${index}`);
      }
      expect(await svg.locator('g.lane.gather text.label').textContent()).toBe('gather');
      expect(await svg.locator('text.tick').count()).toBeGreaterThan(0);
      const marks = await svg
        .locator('.mark')
        .evaluateAll((elements: readonly LaidOut[]) =>
          elements.map((element) => element.getBoundingClientRect().width),
        );
      expect(marks.every((width) => width > 0)).toBe(true);
      // No two marks of a lane overlap, in either timeline, as the browser lays them out.
      const overlaps = await section.locator('g.lane').evaluateAll((lanes: readonly LaidOut[]) =>
        lanes.flatMap((lane) => {
          const boxes = Array.from(lane.querySelectorAll('.mark'), (mark) => mark.getBoundingClientRect());
          return boxes.flatMap((box, index) =>
            boxes
              .slice(index + 1)
              .filter((other) => Math.min(box.right, other.right) - Math.max(box.left, other.left) > 0.5),
          ).length;
        }),
      );
      expect(overlaps.every((count) => count === 0)).toBe(true);
      await tab.screenshot({ path: join(folder, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
