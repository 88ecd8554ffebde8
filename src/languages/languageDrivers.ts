import type { LanguageDriver } from './LanguageDriver.js';
import { java17CompletableFuture } from './drivers/java17CompletableFuture.js';
import { kotlin13Coroutines } from './drivers/kotlin13Coroutines.js';
import { rustFuturesJoinAll } from './drivers/rustFuturesJoinAll.js';
import { rustTokioJoinAll } from './drivers/rustTokioJoinAll.js';
import { bunPromiseAll } from './drivers/bunPromiseAll.js';
import { denoPromiseAll } from './drivers/denoPromiseAll.js';
import { quickjsPromiseAll } from './drivers/quickjsPromiseAll.js';
import { dotnetMonoWhenAll } from './drivers/dotnetMonoWhenAll.js';
import { goErrgroup } from './drivers/goErrgroup.js';
import { pythonAnyio36 } from './drivers/pythonAnyio36.js';
import { python311TaskGroup } from './drivers/python311TaskGroup.js';
import { pythonTrio022 } from './drivers/pythonTrio022.js';

/**
 * The drivers for other languages' gathers (`src/drivers/<sources>/`), in the order of the
 * cross-language matrix. Each is checked like a bundled driver: `gather-sim check NAME`.
 */
export const LANGUAGE_DRIVERS: readonly LanguageDriver[] = [
  python311TaskGroup,
  pythonTrio022,
  pythonAnyio36,
  java17CompletableFuture,
  kotlin13Coroutines,
  dotnetMonoWhenAll,
  goErrgroup,
  rustFuturesJoinAll,
  rustTokioJoinAll,
  quickjsPromiseAll,
  bunPromiseAll,
  denoPromiseAll,
];
