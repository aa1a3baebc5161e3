import { runSubgraphProcess } from '@plantgraph/platform';
import { readErpConfig } from './config.ts';
import { startErp } from './server.ts';

await runSubgraphProcess('erp', () => readErpConfig(), startErp);
