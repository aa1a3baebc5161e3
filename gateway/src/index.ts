import { readFile } from 'node:fs/promises';
import { createLogger } from '@plantgraph/platform';
import { readGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

const config = readGatewayConfig();
const log = createLogger('gateway', config.logLevel);
try {
  const supergraphSdl = await readFile(config.supergraphPath, 'utf8').catch((error: unknown) => {
    throw new Error(
      `cannot read the supergraph at ${config.supergraphPath} (run npm run compose)`,
      {
        cause: error,
      },
    );
  });
  const service = await startGateway({
    host: config.host,
    port: config.port,
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    log,
  });
  const stop = async () => {
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  log.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
