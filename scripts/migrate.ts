/** `npm run migrate`: brings every subgraph's schema to its newest migration, then exits. */
import { createLogger, openDatabase, readCommonConfig } from '@plantgraph/platform';
import { migrateAll } from '@plantgraph/seed';

const config = readCommonConfig();
const log = createLogger('migrate', config.logLevel);
try {
  const database = await openDatabase(config.database);
  const applied = await migrateAll(database.root);
  log.info({ applied }, applied.length > 0 ? 'migrations applied' : 'already up to date');
  await database.close();
} catch (error) {
  log.fatal({ err: error }, 'migration failed');
  process.exit(1);
}
