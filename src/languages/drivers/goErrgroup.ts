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
  why: {},
};
