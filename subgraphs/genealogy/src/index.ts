import { runSubgraphProcess } from '@plantgraph/platform';
import { readGenealogyConfig } from './config.ts';
import { startGenealogy } from './server.ts';

await runSubgraphProcess('genealogy', () => readGenealogyConfig(), startGenealogy);
