/**
 * `gather-sim/report`: pure formatting of results, timelines, leaks and reports (text,
 * Markdown, HTML, JUnit XML, JSON), and reading and merging JSON reports. `formatReport` is in the root
 * entry.
 *
 * @packageDocumentation
 */

export { formatError, formatGatherOutcome, formatResult } from '../report/formatResult.js';
export { formatTime, formatTimeline, TIMELINE_LEGEND } from '../report/formatTimeline.js';
export type { TimelineOptions } from '../report/formatTimeline.js';
export { formatTimelineSvg } from '../report/formatTimelineSvg.js';
export { formatLeaks } from '../report/formatLeaks.js';
export { formatMarkdown } from '../conformance/formatMarkdown.js';
export { formatHtml } from '../conformance/formatHtml.js';
export { formatJunit } from '../conformance/formatJunit.js';
export { reportToJson } from '../conformance/reportToJson.js';
export { reportFromJson } from '../conformance/reportFromJson.js';
export type { ReportReading } from '../conformance/reportFromJson.js';
export { mergeReports } from '../conformance/mergeReports.js';
