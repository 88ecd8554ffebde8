import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../src/cli/checkCommand.js';
import { DEFAULT_SEED } from '../src/conformance/checkDefaults.js';
import { conforms, type ConformanceReport } from '../src/conformance/ConformanceReport.js';
import { formatMarkdown } from '../src/conformance/formatMarkdown.js';
import { formatReport } from '../src/conformance/formatReport.js';
import { reportFromJson } from '../src/conformance/reportFromJson.js';
import { fakeIo } from './cli/fakeIo.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'dist/src/cli/main.js');

function cli(args: readonly string[], input?: string): Promise<{ code: number; stdout: string }> {
  // The README shows what the default seed prints, whatever seed the suite explores with.
  const env = { ...process.env, GATHER_SIM_SEED: '' };
  return new Promise((resolve) => {
    const child = execFile('node', [bin, ...args], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      resolve({ code: error === null ? 0 : Number(error.code), stdout }),
    );
    child.stdin?.end(input ?? '');
  });
}

let matrix: Promise<ConformanceReport> | undefined;

/**
 * The bundled matrix as \`gather-sim check --json\` reports it with the default seed, checked once
 * for the two README blocks drawn from it (the matrix, and p-map's departures: a subject's
 * report does not depend on the others checked beside it).
 */
function bundledMatrix(): Promise<ConformanceReport> {
  return (matrix ??= (async () => {
    const io = fakeIo();
    const code = await checkCommand(['--json', '--seed', String(DEFAULT_SEED)], io);
    if (code !== 0) throw new Error(`check --json exited ${code}: ${io.err()}`);
    const reading = reportFromJson(JSON.parse(io.out()));
    if (!reading.ok) throw new Error(reading.problem);
    return reading.report;
  })());
}

/** The fenced block that follows a marker comment in the README. */
function blockAfter(marker: string): string {
  const start = readme.indexOf(marker);
  if (start < 0) throw new Error(`the README has no "${marker}"`);
  const match = /```\w*\n([\s\S]*?)```/.exec(readme.slice(start));
  if (match === null) throw new Error(`no code block after "${marker}"`);
  return match[1] ?? '';
}

describe('the README', { timeout: 120_000 }, () => {
  it('opens with the two commands that work on a fresh machine', () => {
    const opening = readme.split('\n').slice(0, 8).join('\n');
    expect(opening).toContain('npm ci && npm start');
    expect(opening).toContain('npm ci && npm test');
  });

  for (const example of [
    'readme.example.test.ts',
    'readme.conformance.example.test.ts',
    'citizen/readme.fakeTimers.example.test.ts',
  ]) {
    it(`shows the vitest example exactly as properties/${example} runs it`, () => {
      const text = readFileSync(new URL(`./${example}`, import.meta.url), 'utf8');
      expect(readme).toContain(`\`\`\`ts\n${text}\`\`\``);
    });
  }

  it('shows the conformance matrix exactly as gather-sim check --markdown prints it now', async () => {
    const start = readme.indexOf('<!-- matrix:');
    const end = readme.indexOf('<!-- end of matrix -->');
    const shown = readme.slice(readme.indexOf('\n', start) + 1, end);
    // What check --markdown prints: the Markdown of the report check --json gives.
    expect(shown).toBe(`${formatMarkdown(await bundledMatrix())}\n`);
    // The whole bundled matrix, effection's slow gathers included, on a shared machine.
  }, 300_000);

  it('compares the asyncio.gathers with the very verdicts npm start gives the bundled Pythons (the PyPy column aside)', async () => {
    const start = readme.indexOf('<!-- compare:');
    const block = readme.slice(start, readme.indexOf('<!-- end of compare -->'));
    const tableOf = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('| '));
    const shown = tableOf(block).map((line) => line.replace(/ [^|]+ \|$/, ''));
    const pythons = ['cpython-asyncio', 'cpython-3.14-pyodide', 'micropython-1.27-asyncio'];
    const report = await bundledMatrix();
    const printed = formatMarkdown({ ...report, subjects: report.subjects.filter((s) => pythons.includes(s.subject)) });
    expect(tableOf(block)[0]).toMatch(/\| pypy-3\.9-asyncio \|$/);
    expect(shown).toEqual(tableOf(printed));
  }, 300_000);

  it('shows the departures gather-sim check prints for p-map exactly as it prints them now, before the matrix', async () => {
    const [command, ...shown] = blockAfter('<!-- departures: gather-sim check p-map').trimEnd().split('\n');
    expect(command).toBe('$ npx gather-sim check p-map');
    expect(shown.at(-1)).toBe('...');
    // What check p-map prints: its report, as the bundled matrix has it, in text.
    const report = await bundledMatrix();
    const pMap = report.subjects.filter(({ subject }) => subject === 'p-map');
    // check p-map exits 1: p-map does not conform.
    expect(pMap.map((subject) => conforms(subject))).toEqual([false]);
    const printed = formatReport({ ...report, subjects: pMap }).split('\n');
    // The block is the report down to the matrix, which "..." stands for.
    expect(shown.slice(0, -1)).toEqual(
      printed.slice(0, printed.indexOf(printed.find((line) => line.startsWith('property ')) ?? '')),
    );
  }, 300_000);

  it('shows gather-sim run exactly as it prints the first tutorial program now (its wall time aside)', async () => {
    const [command, ...shown] = blockAfter('## A first look').trimEnd().split('\n');
    expect(command).toBe('$ npx gather-sim run scenarios/tutorial-1-two-calls.json');
    const result = await cli(['run', 'scenarios/tutorial-1-two-calls.json']);
    expect(result.code).toBe(0);
    expect(shown.slice(0, -1)).toEqual(result.stdout.trimEnd().split('\n'));
  });

  it('shows gather-sim run --ties exhaustive as it prints, and the order it names replays', async () => {
    const lines = blockAfter('which `run` takes back:').trimEnd().split('\n');
    const result = await cli(['run', 'scenarios/ties-three-errors.gsim', '--ties', 'exhaustive']);
    expect(result.code).toBe(0);
    for (const line of lines.filter((text) => !text.startsWith('$') && text !== '...'))
      expect(result.stdout).toContain(`${line}\n`);
    const replay = await cli(['run', 'scenarios/ties-three-errors.gsim', '--tie-order', '2']);
    expect(replay.stdout).toContain('gather rejected at 5 ms with APIError("child 2") from task 2');
  }, 60_000);

  it('shows a scenario in the text form that gather-sim run reads', async () => {
    const result = await cli(['run', '-'], blockAfter('the other, and back to the same file'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tutorial-3');
  });

  it('shows a protocol session exactly as gather-sim serve answers it', async () => {
    const [command = '', ...answers] = blockAfter('A session, as `gather-sim serve`').trimEnd().split('\n');
    const request = /printf '%s\\n' '(.*)' \| npx gather-sim serve$/.exec(command)?.[1];
    expect(request).toBeDefined();
    const result = await cli(['serve'], `${request ?? ''}\n`);
    expect(result.stdout.trimEnd().split('\n')).toEqual(answers);
  });

  it('shows a subject module that gather-sim check passes, as the README says', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gather-sim-readme-')), 'my-gather.mjs');
    writeFileSync(path, blockAfter('<!-- example: subject module'));
    const result = await cli(['check', path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('my-gather: conforms (14 pass, 0 FAIL, 2 n/a)');
  }, 120_000);
});
