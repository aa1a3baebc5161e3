import type { Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  parseReplayArgs,
  recordDeadLetter,
  ReplayUsageError,
  runReplayCommand,
  type EventEnvelope,
} from '../src/index.ts';
import {
  COUNTER_CONSUMER,
  counterDb,
  counterHandler,
  createCounterSchema,
  dropCounterSchema,
  effectsByEvent,
  setCounter,
  type CounterDatabase,
} from './support/counter-schema.ts';
import { silentLog } from './support/test-bus.ts';

const SUBGRAPHS = ['erp', 'mes', 'quality', 'genealogy'];

let database: TestDatabase;
let schema: string;
let db: Kysely<CounterDatabase>;

beforeAll(async () => {
  database = await openTestDatabase();
  schema = await createCounterSchema(database.handle.root);
  db = counterDb(database.handle.root, schema);
}, 60_000);

afterAll(async () => {
  await dropCounterSchema(database.handle.root, schema);
  await database?.destroy();
});

async function deadLetter(event: EventEnvelope, consumer = COUNTER_CONSUMER): Promise<string> {
  const failedAt = new Date('2026-11-26T08:00:00Z');
  await recordDeadLetter(db, {
    consumer,
    event,
    error: new Error('boom'),
    attempts: 5,
    firstFailedAt: failedAt,
    lastFailedAt: failedAt,
  });
  const row = await db
    .selectFrom('dead_letter')
    .select('id')
    .where('event_id', '=', event.id)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function run(args: string[]): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const command = parseReplayArgs(args, SUBGRAPHS);
  const status = await runReplayCommand(
    command,
    { db, subgraph: command.subgraph, handlers: [counterHandler()], log: silentLog },
    (text) => lines.push(text),
  );
  return { status, lines };
}

describe('npm run replay', () => {
  it('refuses a command line it cannot run, saying why', () => {
    const refused = (args: string[]) => () => parseReplayArgs(args, SUBGRAPHS);
    expect(refused([])).toThrow(
      new ReplayUsageError('--subgraph must be one of erp, mes, quality, genealogy'),
    );
    expect(refused(['--subgraph', 'erp', '--id', 'x', '--type', 'y'])).toThrow(
      '--id replays one dead letter; it takes no filter or limit',
    );
    expect(refused(['--subgraph', 'erp', '--since', 'yesterday'])).toThrow(
      '--since must be an ISO-8601 time',
    );
    expect(refused(['--subgraph', 'erp', '--limit', '0'])).toThrow(
      '--limit must be a positive integer',
    );
    expect(refused(['--subgraph', 'erp', '--bogus'])).toThrow(ReplayUsageError);
    expect(
      parseReplayArgs(
        ['--subgraph', 'mes', '--consumer', 'c', '--since', '2026-11-26T00:00:00Z'],
        SUBGRAPHS,
      ),
    ).toEqual({
      subgraph: 'mes',
      id: null,
      filter: { consumer: 'c', type: null, since: new Date('2026-11-26T00:00:00Z'), until: null },
      limit: 100,
      dryRun: false,
    });
  });

  it('lists on a dry run, then replays a filtered set and one dead letter by id', async () => {
    const first = await setCounter(db, 'cli-1', 1);
    const second = await setCounter(db, 'cli-2', 2);
    const firstLetter = await deadLetter(first);
    const secondLetter = await deadLetter(second, 'test.other-consumer');

    const dry = await run(['--subgraph', 'erp', '--consumer', COUNTER_CONSUMER, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.lines).toEqual([
      `${firstLetter}\tWOULD_REPLAY\t${COUNTER_CONSUMER}\tcounter.set\t${first.id}\tError: boom`,
      '1 dead letter(s) in erp would be replayed',
    ]);
    expect((await effectsByEvent(db)).size).toBe(0);

    const filtered = await run(['--subgraph', 'erp', '--consumer', COUNTER_CONSUMER]);
    expect(filtered.status).toBe(0);
    expect(filtered.lines[0]).toBe(
      `${firstLetter}\tAPPLIED\t${COUNTER_CONSUMER} counter.set ${first.id}`,
    );
    expect((await effectsByEvent(db)).get(first.id)).toBe(1);

    const byId = await run(['--subgraph', 'erp', '--id', secondLetter]);
    expect(byId.status).toBe(1);
    expect(byId.lines[0]).toBe(
      `${secondLetter}\tNO_HANDLER\ttest.other-consumer counter.set ${second.id}\tno consumer named test.other-consumer runs in erp`,
    );
    expect((await effectsByEvent(db)).get(second.id)).toBeUndefined();
  });
});
