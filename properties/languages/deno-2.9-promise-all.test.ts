import { denoPromiseAll } from '../../src/languages/drivers/denoPromiseAll.js';
import { describeJsPromiseAll } from './describeJsPromiseAll.js';

describeJsPromiseAll(denoPromiseAll);
