import { startExternalSubject, type ExternalSubject } from '../../src/conformance/externalSubject.js';
import type { LanguageDriver } from '../../src/languages/LanguageDriver.js';
import { prepareDriver } from '../../src/languages/prepareDriver.js';

/** A Rust driver started for a test file (and the command that starts another), or why it is skipped (its toolchain is missing). */
export type StartedRustDriver =
  { readonly subject: ExternalSubject; readonly command: string } | { readonly skipped: string };

/**
 * Builds `driver` if needed (in the normal cache) and starts it. A missing toolchain skips
 * the file, except under CI (`CI` set), which installs every toolchain: there it fails, as
 * does a build that fails anywhere.
 */
export async function startRustDriver(driver: LanguageDriver): Promise<StartedRustDriver> {
  const prepared = await prepareDriver(driver);
  if ('missing' in prepared) {
    if (process.env['CI'] !== undefined) throw new Error(`${driver.name}: ${prepared.missing}`);
    return { skipped: prepared.missing };
  }
  if ('buildFailed' in prepared) throw new Error(prepared.buildFailed);
  const started = await startExternalSubject(prepared.command);
  if (!started.ok) throw new Error(started.problem);
  return { subject: started.subject, command: prepared.command };
}
