import { createLogger, openDatabase } from '@plantgraph/platform';
import { readQualityConfig } from './config.ts';
import { startQuality } from './server.ts';

const config = readQualityConfig();
const log = createLogger('quality', config.logLevel);
try {
  const database = await openDatabase(config.database);
  const service = await startQuality({ host: config.host, port: config.port, database, log });
  const stop = async () => {
    await service.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  log.fatal({ err: error }, 'quality failed to start');
  process.exit(1);
}
