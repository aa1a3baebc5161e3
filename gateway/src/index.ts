import { readFile } from 'node:fs/promises';
import { createNatsEventFeed } from '@plantgraph/events';
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
    // Alone, the gateway sees events only through NATS; without it subscriptions are refused.
    const events = config.nats ? createNatsEventFeed({ nats: config.nats, log }) : null;
    const gateway = await startGateway({
      host: config.host,
      port: config.port,
      supergraphSdl,
      subgraphUrls: config.subgraphUrls,
      log,
      events,
      subscriptions: config.subscriptions,
    }).catch(async (error: unknown) => {
      await events?.close();
      throw error;
    });
    return {
      ...gateway,
      close: async () => {
        await gateway.close();
        await events?.close();
      },
    };
  },
);
