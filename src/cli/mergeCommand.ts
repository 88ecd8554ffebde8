import { readFile } from 'node:fs/promises';
import { conforms, type ConformanceReport } from '../conformance/ConformanceReport.js';
import { mergeReports } from '../conformance/mergeReports.js';
import { reportFromJson } from '../conformance/reportFromJson.js';
import { EXIT, type CliIo } from './CliIo.js';
import { parseCommandArgs } from './parseCommandArgs.js';
import { writeReport } from './writeReport.js';

/** The help text of `gather-sim merge`. */
export const MERGE_USAGE = `Usage: gather-sim merge REPORT... [--json | --markdown] [--html FILE] [--junit FILE]

Merges the --json reports of the shards of one campaign (gather-sim check --shard I/N, the
same seed and runs on every machine) into the report of the whole run: a property fails
with the failure earliest in the seed's sequence, and passes with every shard's scenarios.

  REPORT      a report written by gather-sim check --shard I/N --json (every shard once)
  --json      print the merged report as JSON
  --markdown  print the merged matrix as a Markdown table
  --html FILE also write it as a self-contained HTML page, timelines in SVG
  --junit FILE
              also write it as JUnit XML for CI systems (see gather-sim check --help)
  -h, --help  show this help

Exit status: 0 every applicable property passed, 1 one failed, 2 bad usage or reports
that are not the shards of one run.

Example:
  gather-sim merge shard-1.json shard-2.json shard-3.json`;

/** `gather-sim merge`: see {@link MERGE_USAGE}. Returns the exit status. */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    'merge',
    MERGE_USAGE,
    {
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        html: { type: 'string' },
        junit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length === 0) {
    io.stderr.write(`gather-sim merge: name the reports to merge\n\n${MERGE_USAGE}\n`);
    return EXIT.usage;
  }
  const reports: ConformanceReport[] = [];
  for (const path of parsed.positionals) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      io.stderr.write(`gather-sim merge: cannot read ${path}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    const reading = reportFromJson(value);
    if (!reading.ok) {
      io.stderr.write(`gather-sim merge: ${path} is not a gather-sim check --json report: ${reading.problem}\n`);
      return EXIT.usage;
    }
    reports.push(reading.report);
  }
  const merged = mergeReports(reports);
  if (!merged.ok) {
    io.stderr.write(`gather-sim merge: ${merged.problem}\n`);
    return EXIT.usage;
  }
  const { report } = merged;
  if (!(await writeReport(report, parsed.values, io))) return EXIT.usage;
  return conforms(report) ? EXIT.ok : EXIT.finding;
}
