import type { LanguageDriver } from '../LanguageDriver.js';

/** .NET's `Task.WhenAll` on Mono 6.8 (`src/drivers/dotnet-whenall/`), compiled with `mcs`. */
export const dotnetMonoWhenAll: LanguageDriver = {
  name: 'dotnet-mono-6.8-whenall',
  runtime: '.NET (Mono 6.8)',
  primitive: 'Task.WhenAll',
  mapping:
    '"Cancel the gather" cancels a CancellationToken every child observes (each top-level task has its own, linked to it); WhenAll waits for every child and `await` rethrows the first failure in argument order.',
  needs: [
    { program: 'mcs', versionArgs: ['--version'], install: 'apt-get install mono-devel' },
    { program: 'mono', versionArgs: ['--version'], install: 'apt-get install mono-devel' },
  ],
  sources: 'dotnet-whenall',
  build: ['mcs -nologo -warnaserror -out:{out}/driver.exe {src}/*.cs'],
  run: 'mono {out}/driver.exe',
  why: {},
};
