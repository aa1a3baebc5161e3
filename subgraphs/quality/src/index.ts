import { runSubgraphProcess } from '@plantgraph/platform';
import { readQualityConfig } from './config.ts';
import { startQuality } from './server.ts';

await runSubgraphProcess('quality', () => readQualityConfig(), startQuality);
