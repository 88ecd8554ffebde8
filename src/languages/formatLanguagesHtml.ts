import type { SubjectReport } from '../conformance/ConformanceReport.js';
import { describeDeparture } from '../conformance/describeDeparture.js';
import { formatHtml } from '../conformance/formatHtml.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { checkText, claimsText, departuresCount, whyText } from './comparedParts.js';
import type { ComparedRuntime, LanguagesReport } from './LanguagesReport.js';

function runtimeSection(subject: SubjectReport, runtime: ComparedRuntime): string {
  const departures = subject.departures ?? [];
  const why = departures.map((departure) => {
    const text = describeDeparture(departure, subject);
    return `<li><strong>${escapeHtml(text.trigger)}</strong> <code>${escapeHtml(text.scenario)}</code>: ${escapeHtml(whyText(departure, runtime))}</li>`;
  });
  return [
    '<section class="runtime">',
    `<h2>${escapeHtml(runtime.name)}: ${escapeHtml(runtime.runtime)}, <code>${escapeHtml(runtime.primitive)}</code></h2>`,
    '<dl>',
    `<dt>Mapping</dt><dd>${escapeHtml(runtime.mapping)}</dd>`,
    `<dt>Claims</dt><dd>${escapeHtml(claimsText(subject))}</dd>`,
    `<dt>Check</dt><dd>${escapeHtml(checkText(subject, runtime))}</dd>`,
    `<dt>Departures from asyncio.gather</dt><dd>${escapeHtml(departuresCount(subject))}${why.length === 0 ? '' : `<ol>${why.join('')}</ol>`}</dd>`,
    '</dl>',
    '</section>',
  ].join('\n');
}

/**
 * The cross-language report as one self-contained HTML page (`docs/languages/report.html`):
 * per runtime its primitive, mapping choices, claims, check time and each departure's
 * minimal scenario with the runtime's sentence of why, then `formatHtml`'s departures,
 * matrix and every failure with its timeline. Pure.
 */
export function formatLanguagesHtml(languages: LanguagesReport): string {
  const { report, runtimes } = languages;
  return formatHtml(
    report,
    report.subjects.map((subject, index) => runtimeSection(subject, runtimes[index] as ComparedRuntime)),
  );
}
