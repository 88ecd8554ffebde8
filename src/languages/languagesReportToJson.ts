import { reportToJson } from '../conformance/reportToJson.js';
import type { LanguagesReport } from './LanguagesReport.js';

/** The `format` of a languages report's JSON, which `languagesReportFromJson` checks. */
export const LANGUAGES_REPORT_FORMAT = 'gather-sim-languages/1';

/** A languages report as JSON: the conformance report as `check --json` writes it, and the runtimes. Pure. */
export function languagesReportToJson(languages: LanguagesReport): object {
  return {
    format: LANGUAGES_REPORT_FORMAT,
    report: reportToJson(languages.report),
    runtimes: languages.runtimes,
  };
}
