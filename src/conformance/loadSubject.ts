import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shellWord } from '../report/shellQuote.js';
import { BUNDLED_SUBJECTS } from '../subjects/bundledSubjects.js';
import { validateSubject, type Subject } from './Subject.js';

/** A loaded subject with the run option that selects it again, or why it could not load. */
export type LoadedSubject =
  | { readonly ok: true; readonly subject: Subject; readonly replay: string }
  | { readonly ok: false; readonly problem: string; readonly missingPackage?: boolean };

async function importDefault(
  url: URL,
  label: string,
): Promise<{ readonly ok: true; readonly value: unknown } | Extract<LoadedSubject, { ok: false }>> {
  try {
    const module = (await import(url.href)) as { default?: unknown };
    return { ok: true, value: module.default };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      problem: `cannot import ${label}: ${(error as Error).message}`,
      missingPackage: code === 'ERR_MODULE_NOT_FOUND',
    };
  }
}

/**
 * Loads a subject module: a bundled subject by name (`p-map`) or a file path whose default
 * export is `{ name, supports?, gather }`. Never throws: a bad path or shape is a problem
 * that names the module and what is wrong.
 */
export async function loadSubject(spec: string): Promise<LoadedSubject> {
  const bundled = BUNDLED_SUBJECTS.find((candidate) => candidate.name === spec);
  const url =
    bundled === undefined ? pathToFileURL(resolve(spec)) : new URL(`../subjects/${bundled.module}`, import.meta.url);
  const label = bundled === undefined ? spec : `the bundled subject ${spec}`;
  const imported = await importDefault(url, label);
  if (!imported.ok) {
    if (bundled?.needs !== undefined && imported.missingPackage === true) {
      return {
        ok: false,
        problem: `needs the npm package ${bundled.needs} (npm install ${bundled.needs})`,
        missingPackage: true,
      };
    }
    return imported;
  }
  const validation = validateSubject(imported.value);
  if (!validation.ok)
    return { ok: false, problem: `${label}: its default export is not a subject: ${validation.problem}` };
  return { ok: true, subject: validation.subject, replay: `--subject ${shellWord(spec)}` };
}
