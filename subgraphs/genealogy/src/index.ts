import { createLogger, openDatabase } from '@plantgraph/platform';
import { readGenealogyConfig } from './config.ts';
import { startGenealogy } from './server.ts';

const config = readGenealogyConfig();
const log = createLogger('genealogy', config.logLevel);
try {
  const database = await openDatabase(config.database);
  const service = await startGenealogy({ host: config.host, port: config.port, database, log });
  const stop = async () => {
    await service.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  log.fatal({ err: error }, 'genealogy failed to start');
  process.exit(1);
}
