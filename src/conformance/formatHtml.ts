import type { PropertyReport } from '../properties/checkProperty.js';
import { formatTieOrder } from '../clock/TieChoice.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { failureTimelines, type TimelineRun } from '../report/failureTimelines.js';
import { formatDifferences } from '../report/formatDifferences.js';
import { formatReplayOptions } from '../report/formatReplayOptions.js';
import { formatTimelineSvg } from '../report/formatTimelineSvg.js';
import { taskNote } from '../report/formatTimeline.js';
import { formatGatherOutcome } from '../report/formatResult.js';
import { shellQuote } from '../report/shellQuote.js';
import { TIMELINE_MARKS } from '../report/timelineMarks.js';
import { formatScenarioText } from '../scenario/formatScenarioText.js';
import { conforms, type ConformanceReport, type SubjectReport } from './ConformanceReport.js';
import { matrixRows } from './matrixCells.js';
import { departuresHeadline, describeDeparture } from './describeDeparture.js';

type Failure = Extract<PropertyReport, { status: 'fail' }>;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-top: 1px solid #d0d7de; padding-top: 1rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; }
td.pass { background: #dafbe1; } td.FAIL { background: #ffebe9; font-weight: bold; } td.na, td.skipped { color: #57606a; } td.BROKEN { background: #cf222e; color: #fff; }
td a { color: inherit; } pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
ul.differences { padding-left: 1.2rem; } ul.differences li { margin: 0.15rem 0; }
svg.timeline { display: block; border: 1px solid #d0d7de; background: #fff; max-width: 100%; height: auto; }
svg text.label, svg text.tick, svg text.unit { fill: #1f2328; }
`;

/** What the marks of a timeline mean (`TIMELINE_MARKS` with a glyph), in the colours they are drawn in. */
const LEGEND = [
  '<span class="legend">Marks:',
  `${Object.values(TIMELINE_MARKS)
    .flatMap(({ glyph, label, colour }) =>
      glyph === undefined ? [] : [`<span style="color:${colour}">${glyph} ${label}</span>`],
    )
    .join(' ')};`,
  'the gather is the last lane. Hover a lane for what became of it.</span>',
].join(' ');

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function anchor(subject: string, property: string): string {
  return `fail-${subject}-${property}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function subjectLine(subject: SubjectReport): string {
  if (subject.skipped !== undefined) return `${subject.subject}: skipped (${subject.skipped})`;
  if (subject.broken !== undefined) return `${subject.subject}: BROKEN: ${subject.broken}`;
  const count = (status: string): number => subject.properties.filter((property) => property.status === status).length;
  return `${subject.subject}: ${conforms(subject) ? 'conforms' : 'departs from asyncio.gather'} (${count('pass')} pass, ${count('fail')} FAIL, ${count('n/a')} n/a)`;
}

function failureSection(subject: SubjectReport, report: Failure): string {
  const { property, failure, ties } = report;
  const json = JSON.stringify(report.scenario);
  const order = ties === undefined ? '' : formatTieOrder(ties.picks);
  const replayRun = `echo ${shellQuote(json)} | npx gather-sim run -${subject.replay === undefined ? '' : ` ${subject.replay}`}${order === '' ? '' : ` --tie-order ${order}`}`;
  const replayCheck =
    subject.replay === undefined
      ? undefined
      : `npx gather-sim check ${subject.replay} --property ${property.id} --scenario ${shellQuote(json)}${ties === undefined ? '' : ` --ties ${ties.mode}`}${order === '' ? '' : ` --tie-order ${order}`}`;
  const timelines = failureTimelines(report.scenario, failure);
  const draw = (run: TimelineRun, heading: string, kind: string): string =>
    [
      `<h3>${heading}</h3>`,
      `<div class="timeline ${kind}">`,
      formatTimelineSvg(run.observation, run.trace, { alsoAt: timelines.instants }),
      '<table class="notes"><tbody>',
      ...run.observation.tasks.map(
        (task, index) => `<tr><th>task ${index}</th><td>${escapeHtml(taskNote(index, task, run.trace))}</td></tr>`,
      ),
      `<tr><th>gather</th><td>${escapeHtml(formatGatherOutcome(run.observation.gather))}</td></tr>`,
      '</tbody></table>',
      '</div>',
    ].join('\n');
  const differences = formatDifferences(failure.expected, failure.observed);
  return [
    `<section class="failure" id="${anchor(subject.subject, property.id)}">`,
    `<h2>${escapeHtml(subject.subject)}: FAIL ${escapeHtml(property.rule)} ${escapeHtml(property.id)}</h2>`,
    `<p class="statement">${escapeHtml(property.statement)}</p>`,
    `<p class="reason">Failed after ${report.numRuns} scenario(s)${failure.reason === property.statement ? '' : `: ${escapeHtml(failure.reason)}`}.${order === '' ? '' : ` Tie order ${escapeHtml(order)} (${ties?.mode ?? ''}).`}</p>`,
    `<h3>${escapeHtml(differences.heading.replace(/^./, (first) => first.toUpperCase()))}</h3>`,
    `<ul class="differences">${differences.lines.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join('')}</ul>`,
    ...(timelines.expected === undefined
      ? []
      : [draw(timelines.expected, 'Expected timeline (asyncio.gather)', 'expected')]),
    timelines.subject === undefined
      ? '<p>(no timeline of the subject: the check itself failed)</p>'
      : draw(timelines.subject, 'Timeline of the subject', 'subject'),
    '<h3>Scenario</h3>',
    `<pre class="scenario-text">${escapeHtml(formatScenarioText({ scenario: report.scenario }))}</pre>`,
    `<pre class="scenario-json">${escapeHtml(json)}</pre>`,
    '<h3>Replay</h3>',
    `<pre class="replay">${escapeHtml([`assertGather, describeGatherConformance: ${formatReplayOptions(report)}`, replayRun, ...(replayCheck === undefined ? [] : [replayCheck])].join('\n'))}</pre>`,
    '</section>',
  ].join('\n');
}

/** A subject's departures: a heading and a numbered list; nothing without departures. */
function departureSection(subject: SubjectReport): string[] {
  const departures = subject.departures ?? [];
  if (departures.length === 0) return [];
  return [
    `<section class="departures">`,
    `<h2>${escapeHtml(departuresHeadline(subject))}</h2>`,
    '<ol>',
    ...departures.map((departure) => {
      const text = describeDeparture(departure, subject);
      return [
        `<li class="departure"><strong>${escapeHtml(text.trigger)}</strong>: breaks ${escapeHtml(text.breaks)}${text.found === '' ? '' : ` (${escapeHtml(text.found)})`}`,
        `<pre class="scenario-json">${escapeHtml(text.scenario)}</pre>`,
        `<p>${escapeHtml(text.shownBy)}, ${escapeHtml(text.differences.heading)}:</p>`,
        `<ul class="differences">${text.differences.lines.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join('')}</ul>`,
        `<pre class="replay">${escapeHtml(text.replay)}</pre></li>`,
      ].join('\n');
    }),
    '</ol>',
    '</section>',
  ];
}

/**
 * A conformance report as one self-contained HTML page: first each subject's departures
 * (trigger, the properties it breaks, minimal scenario, expected against observed, replay),
 * then the matrix (each FAIL a link to
 * its failure), a line per subject, and every failure with its timeline drawn as inline
 * SVG (no script, no external file): expected against observed as differences by JSON path,
 * the expected timeline above the subject's on one axis, its shrunk scenario in text form
 * and JSON, and the lines that replay it. `preface`, HTML the caller escaped, goes right
 * after the settings line (the cross-language report's runtimes). Pure.
 */
export function formatHtml(report: ConformanceReport, preface: readonly string[] = []): string {
  const rows = matrixRows(report);
  const title = `gather-sim check: ${plural(rows.length, 'property', 'properties')} on ${plural(report.subjects.length, 'subject', 'subjects')}`;
  const header = ['property', 'rule', ...report.subjects.map((subject) => subject.subject)]
    .map((text) => `<th>${escapeHtml(text)}</th>`)
    .join('');
  const body = rows.map((row) => {
    const cells = row.cells.map((text, index) => {
      const subject = report.subjects[index] as SubjectReport;
      const content = text === 'FAIL' ? `<a href="#${anchor(subject.subject, row.id)}">FAIL</a>` : escapeHtml(text);
      return `<td class="${text === 'n/a' ? 'na' : escapeHtml(text)}">${content}</td>`;
    });
    return `<tr><th>${escapeHtml(row.id)}</th><td>${escapeHtml(row.rule)}</td>${cells.join('')}</tr>`;
  });
  const failures = report.subjects.flatMap((subject) =>
    subject.properties
      .filter((property): property is Failure => property.status === 'fail')
      .map((property) => failureSection(subject, property)),
  );
  const settings = `${report.runs} scenarios per property, seed ${report.seed}${report.ties === undefined ? '' : `, ${report.ties} ties`}${report.shard === undefined ? '' : `, shard ${report.shard.index}/${report.shard.count}`}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="settings">${escapeHtml(settings)}. Rules R1-R12: asyncio.gather's semantics.</p>`,
    ...preface,
    ...report.subjects.flatMap(departureSection),
    `<table class="matrix"><thead><tr>${header}</tr></thead><tbody>`,
    ...body,
    '</tbody></table>',
    '<ul class="subjects">',
    ...report.subjects.map((subject) => `<li>${escapeHtml(subjectLine(subject))}</li>`),
    '</ul>',
    failures.length === 0
      ? '<p class="no-failures">No failures.</p>'
      : `<p>${failures.length} ${failures.length === 1 ? 'failure' : 'failures'}, each with its timeline. ${LEGEND}</p>`,
    ...failures,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
