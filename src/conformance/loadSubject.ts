import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRecord } from '../scenario/validateScenario.js';
import { shellWord } from '../report/shellQuote.js';
import { BUNDLED_SUBJECTS } from '../subjects/bundledSubjects.js';
import { importModule } from './importModule.js';
import { validateSubject, type Subject } from './Subject.js';

/** A loaded subject with the run option that selects it again, or why it could not load. */
export type LoadedSubject =
  | { readonly ok: true; readonly subject: Subject; readonly replay: string }
  | { readonly ok: false; readonly problem: string; readonly missingPackage?: boolean };

const EVERY_CAPABILITY = { returnExceptions: true, cancellation: true, dedupe: true } as const;

async function importDefault(
  url: URL,
  label: string,
): Promise<{ readonly ok: true; readonly value: unknown } | Extract<LoadedSubject, { ok: false }>> {
  try {
    const module = await importModule(url);
    return { ok: true, value: isRecord(module) ? module['default'] : undefined };
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
 * The default export as ES modules see it. A CommonJS module that sets `exports.default`
 * (what tsc emits for `export default`) is imported as `{ default: ... }`: its inner
 * `default` is the export meant.
 */
function unwrapDefault(value: unknown): unknown {
  return isRecord(value) && 'default' in value && !('gather' in value) ? value['default'] : value;
}

/**
 * Loads a subject module: a bundled subject by name (`p-map`) or a file path whose default
 * export is `{ name, supports?, gather }`, or a bare gather function, named after its file and
 * claiming every capability (as `checkGather` takes one). A CommonJS `exports.default` is the
 * default export; a TypeScript file loads through tsx when the user's project has it. Never
 * throws: a bad path or shape is a problem that names the module and what is wrong.
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
  const value = unwrapDefault(imported.value);
  const validation = validateSubject(
    typeof value === 'function'
      ? { name: basename(spec, extname(spec)), supports: EVERY_CAPABILITY, gather: value }
      : value,
  );
  if (!validation.ok)
    return { ok: false, problem: `${label}: its default export is not a subject: ${validation.problem}` };
  return { ok: true, subject: validation.subject, replay: `--subject ${shellWord(spec)}` };
}
