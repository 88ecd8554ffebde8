import type { SubjectReport } from '../conformance/ConformanceReport.js';
import { departuresCount } from './comparedParts.js';
import { languagesMatrixMarkdown } from './formatLanguagesMarkdown.js';
import type { LanguagesReport } from './LanguagesReport.js';

/** The first line of README's cross-language block; `npm run languages` rewrites up to {@link README_LANGUAGES_END}. */
export const README_LANGUAGES_START =
  '<!-- languages: npm run languages writes this from docs/languages/report.json; the suite checks it is current -->';
/** The last line of README's cross-language block. */
export const README_LANGUAGES_END = '<!-- end of languages -->';

/**
 * README's cross-language block, markers included: the matrix, each runtime's primitive,
 * number of departures and mapping choices in a line, and a link to the full report. Pure.
 */
export function formatLanguagesReadme(languages: LanguagesReport): string {
  return [
    README_LANGUAGES_START,
    languagesMatrixMarkdown(languages),
    '',
    ...languages.runtimes.map((runtime, index) => {
      const subject = languages.report.subjects[index] as SubjectReport;
      return `- **${runtime.name}**: ${runtime.runtime}, \`${runtime.primitive}\`; ${departuresCount(subject)}. ${runtime.mapping}`;
    }),
    '',
    'Every departure with its minimal scenario and why, and the check time per runtime: [docs/languages/report.md](docs/languages/report.md) ([HTML](docs/languages/report.html)).',
    README_LANGUAGES_END,
  ].join('\n');
}

/** `readme` with its cross-language block replaced by `block`, or undefined when it has no block (both markers). */
export function replaceReadmeBlock(readme: string, block: string): string | undefined {
  const start = readme.indexOf(README_LANGUAGES_START);
  const end = readme.indexOf(README_LANGUAGES_END);
  if (start < 0 || end < start) return undefined;
  return `${readme.slice(0, start)}${block}${readme.slice(end + README_LANGUAGES_END.length)}`;
}
