import type { LanguageDriver } from './LanguageDriver.js';
import { pythonAnyio36 } from './drivers/pythonAnyio36.js';
import { python311TaskGroup } from './drivers/python311TaskGroup.js';
import { pythonTrio022 } from './drivers/pythonTrio022.js';

/**
 * The drivers for other languages' gathers (`src/drivers/<sources>/`), in the order of the
 * cross-language matrix. Each is checked like a bundled driver: `gather-sim check NAME`.
 */
export const LANGUAGE_DRIVERS: readonly LanguageDriver[] = [python311TaskGroup, pythonTrio022, pythonAnyio36];
