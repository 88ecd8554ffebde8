import type { LanguageDriver } from './LanguageDriver.js';

/**
 * What the cross-language report says of a runtime: its subject name, runtime, primitive,
 * mapping choices and one sentence of why per departure trigger. A language driver is one;
 * so is each bundled gather compared with them (`COMPARED_BUNDLED`).
 */
export type RuntimeDescription = Pick<LanguageDriver, 'name' | 'runtime' | 'primitive' | 'mapping' | 'why'>;
