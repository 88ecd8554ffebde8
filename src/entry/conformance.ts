/**
 * `gather-sim/conformance`: the library behind `gather-sim check`: subjects and their
 * capabilities, external subjects over the protocol, and the bundled subjects. `checkGather`
 * and `assertGather` are in the root entry.
 *
 * @packageDocumentation
 */

export { CAPABILITIES } from '../conformance/Capabilities.js';
export { validateSubject } from '../conformance/Subject.js';
export type { SubjectValidation } from '../conformance/Subject.js';
export { toSubjectRunner } from '../conformance/SubjectRunner.js';
export type { SubjectRunner } from '../conformance/SubjectRunner.js';
export { loadSubject } from '../conformance/loadSubject.js';
export type { LoadedSubject } from '../conformance/loadSubject.js';
export { restrictScenario } from '../conformance/restrictScenario.js';
export { scenarioNeeds } from '../conformance/scenarioNeeds.js';
export { checkSubject, DEFAULT_RUNS, DEFAULT_SEED } from '../conformance/checkGather.js';
export { conforms } from '../conformance/ConformanceReport.js';
export { checkingDeterminism } from '../conformance/checkingDeterminism.js';
export { startExternalSubject } from '../conformance/externalSubject.js';
export type { ExternalStart, ExternalSubject, ExternalSubjectOptions } from '../conformance/externalSubject.js';
export { BUNDLED_SUBJECTS } from '../subjects/bundledSubjects.js';
