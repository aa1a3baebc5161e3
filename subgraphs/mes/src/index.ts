import { createLogger, openDatabase } from '@plantgraph/platform';
import { readMesConfig } from './config.ts';
import { startMes } from './server.ts';

const config = readMesConfig();
const log = createLogger('mes', config.logLevel);
try {
  const database = await openDatabase(config.database);
  const service = await startMes({ host: config.host, port: config.port, database, log });
  const stop = async () => {
    await service.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  log.fatal({ err: error }, 'mes failed to start');
  process.exit(1);
}
