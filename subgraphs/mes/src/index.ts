import { runSubgraphProcess } from '@plantgraph/platform';
import { readMesConfig } from './config.ts';
import { startMes } from './server.ts';

await runSubgraphProcess('mes', () => readMesConfig(), startMes);
