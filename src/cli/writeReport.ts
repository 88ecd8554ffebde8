import type { ConformanceReport } from '../conformance/ConformanceReport.js';
import { formatMarkdown } from '../conformance/formatMarkdown.js';
import { formatReport } from '../conformance/formatReport.js';
import { reportToJson } from '../conformance/reportToJson.js';
import type { CliIo } from './CliIo.js';
import { useColour } from './useColour.js';

/** Writes a conformance report to stdout as JSON, as a Markdown matrix, or as text (the default). */
export function writeReport(report: ConformanceReport, format: { readonly json?: boolean | undefined; readonly markdown?: boolean | undefined }, io: CliIo): void {
  if (format.json === true) io.stdout.write(`${JSON.stringify(reportToJson(report), null, 2)}\n`);
  else if (format.markdown === true) io.stdout.write(`${formatMarkdown(report)}\n`);
  else io.stdout.write(`${formatReport(report, { colour: useColour(io) })}\n`);
}
