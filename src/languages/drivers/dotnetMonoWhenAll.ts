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
  why: {
    error:
      'Task.WhenAll is documented to "complete when all of the supplied tasks have completed", a failed one included, so the gather fails only once every sibling has ended, not at the first failure.',
    'return-exceptions':
      "WhenAll gathers its children's exceptions in argument order (Task.cs, WhenAllPromise.Invoke loops over the tasks in order) and `await` rethrows the first of its InnerExceptions, so with several failures the error is the first by argument index, not the first in time.",
    'on-cancel-ignore':
      'A Task cannot be cancelled from outside, only asked through a CancellationToken, so "cancelling the gather" cancels the children\'s token and WhenAll ends with their results when every child ignores the request.',
    'on-cancel-cleanup':
      "WhenAll waits for every child, so a gather cancelled through its children's token settles only when the last cleanup ends, not when the first child ends cancelled.",
    'cancel-gather':
      "WhenAll has no cancellation of its own: cancelling the children's token ends it only when every child has ended, so one that runs on after the request holds the gather.",
    'cancel-task':
      'A child that ends cancelled does not end WhenAll: it waits for the siblings, then ends cancelled (or faulted, as a fault beats a cancellation).',
  },
};
