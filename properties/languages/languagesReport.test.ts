import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPARED_BUNDLED } from '../../src/languages/comparedBundled.js';
import { formatLanguagesHtml } from '../../src/languages/formatLanguagesHtml.js';
import { formatLanguagesMarkdown } from '../../src/languages/formatLanguagesMarkdown.js';
import {
  formatLanguagesReadme,
  README_LANGUAGES_END,
  README_LANGUAGES_START,
} from '../../src/languages/formatLanguagesReadme.js';
import { LANGUAGE_DRIVERS } from '../../src/languages/languageDrivers.js';
import type { LanguagesReport } from '../../src/languages/LanguagesReport.js';
import { languagesReportFromJson } from '../../src/languages/languagesReportFromJson.js';
import { languagesReportToJson } from '../../src/languages/languagesReportToJson.js';
import { COMMITTED_REPORT, liveAndCommittedColumns } from './committedColumn.js';

const docs = fileURLToPath(new URL('../../docs/languages/', import.meta.url));
const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const json = JSON.parse(readFileSync(COMMITTED_REPORT, 'utf8')) as unknown;

function committed(): LanguagesReport {
  const read = languagesReportFromJson(json);
  if (!read.ok) throw new Error(read.problem);
  return read.languages;
}

describe('the committed cross-language report', () => {
  it('reads back, and gives the same JSON again', () => {
    expect(languagesReportToJson(committed())).toEqual(json);
  });

  it('is what report.md and report.html show, rendered from its JSON now', () => {
    expect(readFileSync(join(docs, 'report.md'), 'utf8')).toBe(`${formatLanguagesMarkdown(committed())}\n`);
    expect(readFileSync(join(docs, 'report.html'), 'utf8')).toBe(formatLanguagesHtml(committed()));
  });

  it("is what README's cross-language block shows", () => {
    const start = readme.indexOf(README_LANGUAGES_START);
    const end = readme.indexOf(README_LANGUAGES_END) + README_LANGUAGES_END.length;
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end)).toBe(formatLanguagesReadme(committed()));
  });

  it('describes each runtime as its descriptor does now (else: npm run languages -- --render)', () => {
    const described = [...COMPARED_BUNDLED, ...LANGUAGE_DRIVERS];
    for (const runtime of committed().runtimes) {
      const now = described.find((description) => description.name === runtime.name);
      if (now === undefined) continue;
      const { runtime: name, primitive, mapping, why } = now;
      expect({
        name: runtime.runtime,
        primitive: runtime.primitive,
        mapping: runtime.mapping,
        why: runtime.why,
      }).toEqual({
        name,
        primitive,
        mapping,
        why,
      });
    }
  });

  it('shows each departure with its minimal scenario and the sentence of why for its trigger, and says where one is missing', () => {
    const languages = committed();
    const markdown = formatLanguagesMarkdown(languages);
    expect(markdown).toContain(
      '     Scenario `{"tasks":[{"sleep":10,"value":false}],"args":[0,0]}`; R2 order: `(whole): expected [{"value":false},{"value":false}], observed "no result list"`.\n' +
        `     Why: ${COMPARED_BUNDLED.find((bundled) => bundled.name === 'micropython-1.27-asyncio')?.why.duplicates}`,
    );
    const runtimes = languages.runtimes.map((runtime) => ({ ...runtime, why: {} }));
    expect(formatLanguagesMarkdown({ ...languages, runtimes })).toContain(
      '     Why: (no sentence of why recorded for this trigger: add one to its descriptor)',
    );
    expect(formatLanguagesHtml({ ...languages, runtimes })).toContain(
      ': (no sentence of why recorded for this trigger: add one to its descriptor)</li>',
    );
  });

  it('is refused when its runtimes do not match its subjects, naming both', () => {
    const value = languagesReportToJson(committed()) as { runtimes: { name: string }[] };
    const swapped = { ...value, runtimes: [...value.runtimes].reverse() };
    const read = languagesReportFromJson(swapped);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatch(/^runtimes: expected one per subject, in order \(Promise\.all, /);
    const badWhy = { ...value, runtimes: value.runtimes.map((runtime) => ({ ...runtime, why: { 'no-such': 'x' } })) };
    expect(languagesReportFromJson(badWhy)).toEqual({
      ok: false,
      problem: 'runtimes[0].why.no-such: expected a sentence for a departure trigger',
    });
  });
});

describe('liveAndCommittedColumns', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gather-sim-columns-'));
  /** The committed report cut to its cpython-asyncio column at 10 runs, with `order` shown n/a: a drift. */
  const drifted = (): string => {
    const value = languagesReportToJson(committed()) as {
      report: { runs: number; subjects: { name: string; properties: { id: string }[] }[] };
      runtimes: { name: string }[];
    };
    const subject = value.report.subjects.find(({ name }) => name === 'cpython-asyncio');
    if (subject === undefined) throw new Error('no cpython-asyncio column');
    const properties = subject.properties.map((property) =>
      property.id === 'order' ? { id: 'order', rule: 'R2', status: 'n/a', missing: ['dedupe'] } : property,
    );
    const cut = {
      ...value,
      report: { ...value.report, runs: 10, subjects: [{ ...subject, properties }] },
      runtimes: value.runtimes.filter(({ name }) => name === 'cpython-asyncio'),
    };
    const path = join(folder, 'report.json');
    writeFileSync(path, JSON.stringify(cut));
    return path;
  };

  it(
    "gives a driver's live verdicts at the report's seed and runs next to its committed column, where a drift shows",
    { timeout: 300_000 },
    async () => {
      const { live, committed: column } = await liveAndCommittedColumns(
        'cpython-asyncio',
        ['cpython-asyncio'],
        drifted(),
      );
      expect(column.statuses['order']).toBe('n/a');
      expect(live).toEqual({ ...column, statuses: { ...column.statuses, order: 'pass' } });
      expect(live.departures).toEqual([]);
    },
  );
});
