// `npm run api`: writes docs/api.md from the source, after a change to the public surface.
import { writeFileSync } from 'node:fs';
import { API_REPORT, apiExports, formatApiReport } from './apiReport.js';

writeFileSync(API_REPORT, formatApiReport(apiExports()));
console.log(`wrote ${API_REPORT.pathname}`);
