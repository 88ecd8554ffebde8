import { writeFile } from 'node:fs/promises';
import type { ConformanceReport } from '../conformance/ConformanceReport.js';
import { formatHtml } from '../conformance/formatHtml.js';
import { formatMarkdown } from '../conformance/formatMarkdown.js';
import { formatReport } from '../conformance/formatReport.js';
import { reportToJson } from '../conformance/reportToJson.js';
import type { CliIo } from './CliIo.js';
import { useColour } from './useColour.js';

/** The formats a report is written in: `json` or `markdown` instead of text on stdout, and an HTML page to a file. */
export interface ReportFormats {
  readonly json?: boolean | undefined;
  readonly markdown?: boolean | undefined;
  readonly html?: string | undefined;
}

/**
 * Writes a conformance report to stdout as JSON, as a Markdown matrix, or as text (the
 * default), and as a self-contained HTML page to the file `html` names, if one. Returns
 * false after saying why when the page cannot be written.
 */
export async function writeReport(report: ConformanceReport, formats: ReportFormats, io: CliIo): Promise<boolean> {
  if (formats.json === true) io.stdout.write(`${JSON.stringify(reportToJson(report), null, 2)}\n`);
  else if (formats.markdown === true) io.stdout.write(`${formatMarkdown(report)}\n`);
  else io.stdout.write(`${formatReport(report, { colour: useColour(io) })}\n`);
  if (formats.html === undefined) return true;
  try {
    await writeFile(formats.html, formatHtml(report));
  } catch (error) {
    io.stderr.write(`gather-sim: --html: cannot write ${formats.html}: ${(error as Error).message}\n`);
    return false;
  }
  io.stderr.write(`wrote ${formats.html}\n`);
  return true;
}
