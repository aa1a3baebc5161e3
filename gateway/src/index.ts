import { readFile } from 'node:fs/promises';
import { runProcess } from '@plantgraph/platform';
import { readGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

await runProcess(
  'gateway',
  () => readGatewayConfig(),
  async (config, log) => {
    const supergraphSdl = await readFile(config.supergraphPath, 'utf8').catch((error: unknown) => {
      throw new Error(
        `cannot read the supergraph at ${config.supergraphPath} (run npm run compose)`,
        {
          cause: error,
        },
      );
    });
    return startGateway({
      host: config.host,
      port: config.port,
      supergraphSdl,
      subgraphUrls: config.subgraphUrls,
      log,
    });
  },
);
