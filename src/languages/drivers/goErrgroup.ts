import type { LanguageDriver } from '../LanguageDriver.js';

/** Go's `errgroup` (golang.org/x/sync) on Go 1.19 (`src/drivers/go-errgroup/`), built offline against Debian's x/sync. */
export const goErrgroup: LanguageDriver = {
  name: 'go-1.19-errgroup',
  runtime: 'Go 1.19',
  primitive: 'errgroup.Group (WithContext, Go, Wait)',
  mapping:
    '"Cancel the gather" cancels the context given to errgroup.WithContext (each top-level task has a context of its own under the group\'s, for cancelling it alone); Wait returns the first error in time, once every goroutine has returned.',
  needs: [
    { program: 'go', versionArgs: ['version'], install: 'apt-get install golang-go' },
    {
      file: '/usr/share/gocode/src/golang.org/x/sync/errgroup/errgroup.go',
      install: 'apt-get install golang-golang-x-sync-dev',
    },
  ],
  sources: 'go-errgroup',
  build: [
    'cp {src}/*.go {out}/',
    'cd {out} && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE={out}/.gocache GOFLAGS= go build -o driver . && rm -rf .gocache *.go',
  ],
  run: '{out}/driver',
  why: {
    error:
      'errgroup.WithContext documents that "the derived Context is canceled the first time a function passed to Go returns a non-nil error", so a failure cancels every sibling still running (asyncio lets them live on), and Wait "blocks until all function calls from the Go method have returned", so the gather fails only when they have.',
    'on-cancel-cleanup':
      "Wait blocks until every function passed to Go has returned, so after the first error cancels the group's context a sibling that cleans up holds the gather until its cleanup ends.",
    'on-cancel-ignore':
      'Wait blocks until every function passed to Go has returned, so a sibling that ignores the cancelled context holds the gather until its own finish time.',
    'cancel-gather':
      'Cancelling the context given to WithContext only asks the functions to return; Wait still waits for every one of them, so the gather ends when the last cleanup does.',
    'cancel-task':
      "A function that returns ctx.Err() (context.Canceled) has returned a non-nil error to errgroup, which cancels the group's context and so every sibling.",
  },
};
