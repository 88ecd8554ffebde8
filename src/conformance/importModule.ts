import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isRecord } from '../scenario/validateScenario.js';

/** The extensions of TypeScript modules, which Node 20 cannot import without a loader. */
const TYPESCRIPT = /\.[mc]?tsx?$/;

/** The fix a user is told when a TypeScript subject cannot be imported. */
export const TYPESCRIPT_FIX = 'install tsx (npm i -D tsx) to check TypeScript subjects, or compile it first';

type TsImport = (specifier: string, parentURL: string) => Promise<unknown>;

/** The file of tsx's `tsx/esm/api` export for `import`, as the package's exports map names it. */
function esmApiFile(manifestPath: string): string | undefined {
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const exports = isRecord(manifest) ? manifest['exports'] : undefined;
  const api = isRecord(exports) ? exports['./esm/api'] : undefined;
  const entry = isRecord(api) ? api['import'] : undefined;
  const file = isRecord(entry) ? entry['default'] : entry;
  return typeof file === 'string' ? join(dirname(manifestPath), file) : undefined;
}

/**
 * tsx's `tsImport`, found as the user's project would find it: from the folder of the module
 * to import, then from the current folder; undefined when tsx is not installed there.
 */
async function findTsImport(file: string): Promise<TsImport | undefined> {
  for (const from of [file, join(process.cwd(), 'noop.js')]) {
    let manifestPath: string;
    try {
      manifestPath = createRequire(from).resolve('tsx/package.json');
    } catch {
      continue;
    }
    const api = esmApiFile(manifestPath);
    if (api === undefined) continue;
    const loaded = (await import(pathToFileURL(api).href)) as { tsImport?: unknown };
    if (typeof loaded.tsImport === 'function') return loaded.tsImport as TsImport;
  }
  return undefined;
}

/**
 * Imports a module by URL. A TypeScript file (`.ts`, `.mts`, `.cts`) goes through tsx when the
 * user's project has it, in a namespace of its own that leaves every other import as it was;
 * without tsx it is imported as it is (Node with a loader or type stripping may take it), and
 * Node's "Unknown file extension" becomes an error naming the fix ({@link TYPESCRIPT_FIX}).
 */
export async function importModule(url: URL): Promise<unknown> {
  if (url.protocol !== 'file:' || !TYPESCRIPT.test(url.pathname)) return import(url.href);
  const file = fileURLToPath(url);
  const tsImport = await findTsImport(file);
  if (tsImport !== undefined) return tsImport(url.href, pathToFileURL(file).href);
  try {
    return await import(url.href);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    throw new Error(`Node cannot import TypeScript by itself: ${TYPESCRIPT_FIX}`, { cause: error });
  }
}
