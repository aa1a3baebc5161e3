/**
 * A subgraph process that dies between commit and publish: it commits `count` counter changes
 * (each with its event in the outbox) in a schema it creates, publishes the first `publishFirst` of them to NATS
 * without marking them published (as a relay killed before its update would), prints
 * "committed", then kills itself with SIGKILL. Arguments: one JSON object (see `CommitAndDie`).
 */
import { openDatabase, type DatabaseConfig } from '@plantgraph/platform';
import { pino } from 'pino';
import { createNatsBus, rowToEnvelope, type NatsConfig } from '../../src/index.ts';
import { counterDb, createCounterSchema, setCounter } from './counter-schema.ts';

/** What the child is told to do. */
export interface CommitAndDie {
  readonly database: DatabaseConfig;
  readonly schema: string;
  readonly count: number;
  readonly nats: NatsConfig | null;
  readonly publishFirst: number;
  /** The test stream's duplicate window (the child's bus would otherwise reconfigure it). */
  readonly dedupWindowMs: number;
}

const job: CommitAndDie = JSON.parse(process.argv[2] ?? '{}');
const database = await openDatabase(job.database);
await createCounterSchema(database.root, job.schema);
const db = counterDb(database.root, job.schema);
for (let i = 0; i < job.count; i += 1) await setCounter(db, `killed-${i}`, i, 'corr-killed');
if (job.nats !== null && job.publishFirst > 0) {
  const bus = createNatsBus({
    nats: job.nats,
    dedupWindowMs: job.dedupWindowMs,
    log: pino({ level: 'silent' }),
  });
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .orderBy('seq')
    .limit(job.publishFirst)
    .execute();
  for (const row of rows) await bus.publish(rowToEnvelope(row));
}
process.stdout.write('committed\n');
process.kill(process.pid, 'SIGKILL');
