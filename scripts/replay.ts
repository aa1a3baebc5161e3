/**
 * `npm run replay -- --subgraph erp (--id <dead letter id> | --consumer … --type … --since … --until …)`:
 * replays dead letters straight on the subgraph's schema (the same path as the replay mutations),
 * for when the GraphQL API is not at hand. With the embedded database (PGlite), stop `npm start`
 * first: one data directory serves one process at a time.
 */
import {
  parseReplayArgs,
  REPLAY_USAGE,
  ReplayUsageError,
  runReplayCommand,
  type EventHandler,
  type EventTables,
} from '@plantgraph/events';
import { openDatabase, readCommonConfig } from '@plantgraph/platform';
import { pino } from 'pino';
import { handlers as erpHandlers } from '../subgraphs/erp/src/events/handlers.ts';
import { handlers as genealogyHandlers } from '../subgraphs/genealogy/src/events/handlers.ts';
import { handlers as mesHandlers } from '../subgraphs/mes/src/events/handlers.ts';
import { handlers as qualityHandlers } from '../subgraphs/quality/src/events/handlers.ts';

/** Each subgraph's consumers; its schema has the subgraph's name. */
const HANDLERS: Readonly<Record<string, readonly EventHandler<EventTables>[]>> = {
  erp: erpHandlers,
  mes: mesHandlers,
  quality: qualityHandlers,
  genealogy: genealogyHandlers,
};

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(REPLAY_USAGE);
  process.exit(0);
}

let command;
try {
  command = parseReplayArgs(args, Object.keys(HANDLERS));
} catch (error) {
  if (!(error instanceof ReplayUsageError)) throw error;
  console.error(`replay: ${error.message}\n${REPLAY_USAGE}`);
  process.exit(2);
}

const config = readCommonConfig();
// Logs go to stderr; stdout carries one line per dead letter.
const log = pino(
  { level: config.logLevel === 'info' ? 'warn' : config.logLevel },
  pino.destination(2),
);
const database = await openDatabase(config.database);
try {
  const status = await runReplayCommand(
    command,
    {
      db: database.root.withSchema(command.subgraph).withTables<EventTables>(),
      subgraph: command.subgraph,
      handlers: HANDLERS[command.subgraph] ?? [],
      log,
    },
    (text) => console.log(text),
  );
  process.exitCode = status;
} finally {
  await database.close();
}
