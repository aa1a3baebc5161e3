import { createLogger, openDatabase } from '@plantgraph/platform';
import { readErpConfig } from './config.ts';
import { startErp } from './server.ts';

const config = readErpConfig();
const log = createLogger('erp', config.logLevel);
try {
  const database = await openDatabase(config.database);
  const service = await startErp({ host: config.host, port: config.port, database, log });
  const stop = async () => {
    await service.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  log.fatal({ err: error }, 'erp failed to start');
  process.exit(1);
}
