import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { realPerformanceNow } from '../clock/realTimers.js';
import { DEFAULT_RUNS } from '../conformance/checkDefaults.js';
import type { SubjectReport } from '../conformance/ConformanceReport.js';
import { reportFromJson } from '../conformance/reportFromJson.js';
import { COMPARED_BUNDLED, type ComparedBundled } from '../languages/comparedBundled.js';
import { formatLanguagesHtml } from '../languages/formatLanguagesHtml.js';
import { formatLanguagesMarkdown } from '../languages/formatLanguagesMarkdown.js';
import { formatLanguagesReadme, replaceReadmeBlock } from '../languages/formatLanguagesReadme.js';
import type { LanguageDriver } from '../languages/LanguageDriver.js';
import { LANGUAGE_DRIVERS } from '../languages/languageDrivers.js';
import type { ComparedRuntime, LanguagesReport } from '../languages/LanguagesReport.js';
import { languagesReportFromJson } from '../languages/languagesReportFromJson.js';
import { languagesReportToJson } from '../languages/languagesReportToJson.js';
import { findToolchain } from '../languages/prepareDriver.js';
import type { RuntimeDescription } from '../languages/RuntimeDescription.js';
import { checkCommand } from './checkCommand.js';
import { EXIT, type CliIo } from './CliIo.js';
import { parseCommandArgs } from './parseCommandArgs.js';
import { parseIntegerOption } from './parseIntegerOption.js';
import { seedOption } from './seedOption.js';

/** The departure search of the comparison: up to 10 departures per runtime, 60 property checks again. */
const DEPARTURE_OPTIONS = ['--departures', '10', '--rechecks', '60'];

/** The help text of `gather-sim languages`. */
export const LANGUAGES_USAGE = `Usage: gather-sim languages [--out DIR] [--readme FILE] [--runs N] [--seed N] [--jobs N] [--render]

Compares asyncio.gather with the "run these at once, collect the results" primitives of
other runtimes: checks Node's Promise.all, the four Pythons' asyncio.gather (PyPy's when
pypy3 is installed) and every registered language driver whose toolchain is here (the
others are listed as skipped, with what to install), one after another, each with the
departure search (${DEPARTURE_OPTIONS.join(' ')}), and writes the report: DIR/report.json
(what the other two are made from), DIR/report.md and DIR/report.html: the matrix, and per
runtime its primitive, mapping choices, claims, check time (real seconds) and departures,
each with its minimal scenario and one sentence of why.

  --out DIR      where to write the report (default docs/languages)
  --readme FILE  also rewrite the cross-language block of FILE (a README holding the
                 markers <!-- languages: ... --> and <!-- end of languages -->)
  --runs N       scenarios per property (default ${DEFAULT_RUNS})
  --seed N       the fast-check seed (default $GATHER_SIM_SEED, else check's)
  --jobs N       slots checking at once, for each runtime (default: the number of cores)
  --render       check nothing: write report.md, report.html (and --readme) again from
                 DIR/report.json, with each runtime's description (primitive, mapping,
                 why) as the registry says it now
  -h, --help     show this help

Exit status: 0 the report was written (departures are its content, not errors), 1 it was
written but a runtime is BROKEN, 2 bad usage or a file that cannot be written.

npm run languages runs it with --readme README.md.`;

/** A runtime to compare: the `check` arguments that select it, or why it is skipped. */
type Entry = { readonly description: RuntimeDescription } & (
  { readonly args: readonly string[] } | { readonly skipped: string }
);

async function entriesOf(registry: readonly LanguageDriver[], bundled: readonly ComparedBundled[]): Promise<Entry[]> {
  const drivers = await Promise.all(
    registry.map(async (driver): Promise<Entry> => {
      const toolchain = await findToolchain(driver);
      return 'missing' in toolchain
        ? { description: driver, skipped: toolchain.missing }
        : { description: driver, args: ['--driver', driver.name] };
    }),
  );
  return [...bundled.map((gather) => ({ description: gather, args: gather.args })), ...drivers];
}

function describe(description: RuntimeDescription, name: string, seconds: number | null): ComparedRuntime {
  const { runtime, primitive, mapping, why } = description;
  return { name, runtime, primitive, mapping, why, seconds };
}

/** Checks one runtime with `check --json` in this process; its report and real seconds, or why it was skipped. */
async function checkOne(
  entry: Entry,
  settings: readonly string[],
  registry: readonly LanguageDriver[],
  io: CliIo,
): Promise<{ readonly subject: SubjectReport; readonly runtime: ComparedRuntime }> {
  const { description } = entry;
  const skip = (why: string): { subject: SubjectReport; runtime: ComparedRuntime } => {
    io.stderr.write(`languages: ${description.name}: skipped, ${why}\n`);
    return {
      subject: { subject: description.name, supports: {}, skipped: why, properties: [] },
      runtime: describe(description, description.name, null),
    };
  };
  if ('skipped' in entry) return skip(entry.skipped);
  io.stderr.write(`languages: checking ${description.name}\n`);
  let out = '';
  let err = '';
  const capture: CliIo = {
    ...io,
    stdout: { write: (text: string) => (out += text) },
    stderr: {
      write: (text: string) => {
        err += text;
        return io.stderr.write(text);
      },
    },
  };
  const started = realPerformanceNow();
  const status = await checkCommand([...entry.args, ...settings, '--json'], capture, registry);
  const seconds = Math.round((realPerformanceNow() - started) / 100) / 10;
  if (status === EXIT.usage) return skip(err.trim().split('\n').at(-1) ?? `check exited with ${status}`);
  const read = reportFromJson(JSON.parse(out));
  const subject = read.ok ? read.report.subjects[0] : undefined;
  if (subject === undefined) return skip(`its check printed no report${read.ok ? '' : `: ${read.problem}`}`);
  return { subject, runtime: describe(description, subject.subject, seconds) };
}

/**
 * Runs the comparison: the `bundled` gathers, then every driver of `registry` (skipped where
 * its toolchain is missing), checked one after another so that each one's time is its own.
 */
export async function compareLanguages(
  settings: { readonly runs: number; readonly seed: number; readonly jobs: number },
  registry: readonly LanguageDriver[],
  io: CliIo,
  bundled: readonly ComparedBundled[] = COMPARED_BUNDLED,
): Promise<LanguagesReport> {
  const args = ['--runs', String(settings.runs), '--seed', String(settings.seed), '--jobs', String(settings.jobs)];
  const checked = [];
  for (const entry of await entriesOf(registry, bundled))
    checked.push(await checkOne(entry, [...args, ...DEPARTURE_OPTIONS], registry, io));
  return {
    report: { seed: settings.seed, runs: settings.runs, subjects: checked.map(({ subject }) => subject) },
    runtimes: checked.map(({ runtime }) => runtime),
  };
}

/** The report in `path`, its runtimes described as `registry` and `COMPARED_BUNDLED` say now; undefined after saying why it cannot be read. */
async function readLanguages(
  path: string,
  registry: readonly LanguageDriver[],
  io: CliIo,
): Promise<LanguagesReport | undefined> {
  let read;
  try {
    read = languagesReportFromJson(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    io.stderr.write(`gather-sim languages: --render: cannot read ${path}: ${(error as Error).message}\n`);
    return undefined;
  }
  if (!read.ok) {
    io.stderr.write(`gather-sim languages: --render: ${path}: ${read.problem}\n`);
    return undefined;
  }
  const described: readonly RuntimeDescription[] = [...COMPARED_BUNDLED, ...registry];
  const runtimes = read.languages.runtimes.map((runtime) => {
    const now = described.find((description) => description.name === runtime.name);
    return now === undefined ? runtime : describe(now, runtime.name, runtime.seconds);
  });
  return { ...read.languages, runtimes };
}

function count(text: string | undefined, option: string, fallback: number, io: CliIo): number | undefined {
  if (text === undefined) return fallback;
  const value = parseIntegerOption(text, { min: 1, max: 1_000_000_000, what: 'a positive integer' });
  if (value === undefined)
    io.stderr.write(`gather-sim languages: ${option}: expected a positive integer, got "${text}"\n`);
  return value;
}

/**
 * `gather-sim languages`: see {@link LANGUAGES_USAGE}. Returns the exit status. `registry`
 * is the language drivers compared.
 */
export async function languagesCommand(
  argv: readonly string[],
  io: CliIo,
  registry: readonly LanguageDriver[] = LANGUAGE_DRIVERS,
): Promise<number> {
  const parsed = parseCommandArgs(
    'languages',
    LANGUAGES_USAGE,
    {
      args: [...argv],
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        readme: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        render: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const runs = count(values.runs, '--runs', DEFAULT_RUNS, io);
  const jobs = count(values.jobs, '--jobs', availableParallelism(), io);
  const seed = seedOption(values.seed, 'languages', io);
  if (runs === undefined || jobs === undefined || seed === undefined) return EXIT.usage;
  const out = values.out ?? join('docs', 'languages');
  let readme: string | undefined;
  if (values.readme !== undefined) {
    try {
      readme = await readFile(values.readme, 'utf8');
    } catch (error) {
      io.stderr.write(`gather-sim languages: --readme: cannot read ${values.readme}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    if (replaceReadmeBlock(readme, '') === undefined) {
      io.stderr.write(
        `gather-sim languages: --readme: ${values.readme} has no cross-language block (<!-- languages: ... --> to <!-- end of languages -->)\n`,
      );
      return EXIT.usage;
    }
  }
  const languages =
    values.render === true
      ? await readLanguages(join(out, 'report.json'), registry, io)
      : await compareLanguages({ runs, seed, jobs }, registry, io);
  if (languages === undefined) return EXIT.usage;
  try {
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'report.json'), `${JSON.stringify(languagesReportToJson(languages), null, 2)}\n`);
    await writeFile(join(out, 'report.md'), `${formatLanguagesMarkdown(languages)}\n`);
    await writeFile(join(out, 'report.html'), formatLanguagesHtml(languages));
    if (values.readme !== undefined && readme !== undefined)
      await writeFile(values.readme, replaceReadmeBlock(readme, formatLanguagesReadme(languages)) as string);
  } catch (error) {
    io.stderr.write(`gather-sim languages: cannot write the report: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  io.stderr.write(`languages: wrote ${join(out, 'report.json')}, report.md and report.html\n`);
  return languages.report.subjects.some((subject) => subject.broken !== undefined) ? EXIT.finding : EXIT.ok;
}
