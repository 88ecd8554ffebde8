import { bunPromiseAll } from '../../src/languages/drivers/bunPromiseAll.js';
import { describeJsPromiseAll } from './describeJsPromiseAll.js';

describeJsPromiseAll(bunPromiseAll);
