import { writeFile } from 'node:fs/promises';
import type { ConformanceReport } from '../conformance/ConformanceReport.js';
import { formatHtml } from '../conformance/formatHtml.js';
import { formatJunit } from '../conformance/formatJunit.js';
import { formatMarkdown } from '../conformance/formatMarkdown.js';
import { formatReport } from '../conformance/formatReport.js';
import { reportToJson } from '../conformance/reportToJson.js';
import type { CliIo } from './CliIo.js';
import { useColour } from './useColour.js';
import { escapeTerminalOutput } from '../report/escapeControl.js';

/**
 * The formats a report is written in: `json` or `markdown` instead of text on stdout, an HTML
 * page to a file, and JUnit XML to a file.
 */
export interface ReportFormats {
  readonly json?: boolean | undefined;
  readonly markdown?: boolean | undefined;
  readonly html?: string | undefined;
  readonly junit?: string | undefined;
}

/** Writes a file of the report; false after saying why when it cannot be written. */
async function writeFileOf(option: string, path: string, text: string, io: CliIo): Promise<boolean> {
  try {
    await writeFile(path, text);
  } catch (error) {
    io.stderr.write(`gather-sim: ${option}: cannot write ${path}: ${(error as Error).message}\n`);
    return false;
  }
  io.stderr.write(`wrote ${path}\n`);
  return true;
}

/**
 * Writes a conformance report to stdout as JSON, as a Markdown matrix, or as text (the
 * default), as a self-contained HTML page to the file `html` names, if one, and as JUnit
 * XML to the file `junit` names, if one. Returns false after saying why when a file cannot
 * be written.
 */
export async function writeReport(report: ConformanceReport, formats: ReportFormats, io: CliIo): Promise<boolean> {
  if (formats.json === true) io.stdout.write(`${JSON.stringify(reportToJson(report), null, 2)}\n`);
  else if (formats.markdown === true) io.stdout.write(`${formatMarkdown(report)}\n`);
  else io.stdout.write(`${escapeTerminalOutput(formatReport(report, { colour: useColour(io) }))}\n`);
  const html = formats.html === undefined || (await writeFileOf('--html', formats.html, formatHtml(report), io));
  const junit = formats.junit === undefined || (await writeFileOf('--junit', formats.junit, formatJunit(report), io));
  return html && junit;
}
