import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { postGraphql } from '../../../test/support/graphql-client.ts';
import { startTestStack, type TestStack } from '../../../test/support/stack.ts';
import {
  appendToOutbox,
  applyEvent,
  readEventConfig,
  recordDeadLetter,
  type EventEnvelope,
  type EventTables,
} from '../src/index.ts';
import { eventually, silentLog } from './support/test-bus.ts';

let t: TestStack;
const received: EventEnvelope[] = [];
let stopSpy: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  // A relay that polls once a minute: an event published sooner was woken for.
  t = await startTestStack({}, { events: { ...readEventConfig({}), relayPollMs: 60_000 } });
  const spy = await t.stack.eventBus.consume(
    'test.operator-spy',
    ['test.pinged'],
    { maxAttempts: 1, backoffMs: [] },
    async ({ event }) => {
      received.push(event);
    },
  );
  stopSpy = () => spy.stop();
}, 180_000);

afterAll(async () => {
  await stopSpy();
  await t?.close();
});

function schemaDb(schema: string): Kysely<EventTables> {
  return t.database.handle.root.withSchema(schema).withTables<EventTables>();
}

async function ping(schema: string, correlationId: string): Promise<EventEnvelope> {
  return schemaDb(schema)
    .transaction()
    .execute(async (trx) => {
      const [event] = await appendToOutbox(trx, `plantgraph/${schema}`, [
        {
          type: 'test.pinged',
          subject: `ping-${schema}`,
          aggregateType: 'ping',
          aggregateId: `ping-${schema}-${randomUUID()}`,
          aggregateVersion: 1,
          plant: null,
          data: { from: schema },
          correlationId,
          causationId: null,
        },
      ]);
      if (event === undefined) throw new Error('no event');
      return event;
    });
}

async function deadLetterIn(schema: string, consumer: string, event: EventEnvelope) {
  const failedAt = new Date('2026-11-20T08:00:00Z');
  await recordDeadLetter(schemaDb(schema), {
    consumer,
    event,
    error: new Error(`${consumer} cannot apply it`),
    attempts: 5,
    firstFailedAt: failedAt,
    lastFailedAt: failedAt,
  });
  const row = await schemaDb(schema)
    .selectFrom('dead_letter')
    .select('id')
    .where('consumer', '=', consumer)
    .where('event_id', '=', event.id)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the event backbone in the stack', () => {
  it('relays every subgraph outbox to the one bus the four subgraphs share', async () => {
    const fromErp = await ping('erp', 'corr-shared');
    const fromGenealogy = await ping('genealogy', 'corr-shared');
    t.stack.subgraphs.erp.events.wake();
    t.stack.subgraphs.genealogy.events.wake();
    await eventually('both events on the bus', () =>
      [fromErp.id, fromGenealogy.id].every((id) => received.some((event) => event.id === id)),
    );
    const published = await schemaDb('genealogy')
      .selectFrom('outbox')
      .select('published_at')
      .where('id', '=', fromGenealogy.id)
      .executeTakeFirstOrThrow();
    expect(published.published_at).toBeInstanceOf(Date);
  });

  it('publishes at once what a mutation committed (the relay is woken after each mutation)', async () => {
    const event = await ping('quality', 'corr-woken');
    // Any mutation through the gateway wakes the relay of the subgraph that ran it.
    const response = await postGraphql(
      t.gatewayUrl,
      'mutation { replayQualityDeadLetter(id: "00000000-0000-0000-0000-000000000000") { outcome } }',
    );
    expect(response.data).toEqual({ replayQualityDeadLetter: { outcome: 'NOT_FOUND' } });
    await eventually('the woken publish', () => received.some((e) => e.id === event.id), 10_000);
  });
});

describe('the operator API through the gateway', () => {
  const correlationId = `corr-operator-${randomUUID()}`;
  let erpLetter: string;
  let qualityLetter: string;
  let erpEvent: EventEnvelope;
  let qualityEvent: EventEnvelope;
  let consumedByMes: EventEnvelope;

  beforeAll(async () => {
    erpEvent = await ping('erp', correlationId);
    qualityEvent = await ping('quality', correlationId);
    consumedByMes = { ...qualityEvent, id: randomUUID() };
    erpLetter = await deadLetterIn('erp', 'test.erp-consumer', qualityEvent);
    qualityLetter = await deadLetterIn('quality', 'test.quality-consumer', erpEvent);
    await applyEvent(
      schemaDb('mes'),
      { consumer: 'test.mes-consumer', types: ['test.pinged'], handle: async () => undefined },
      consumedByMes,
      { log: silentLog },
    );
  });

  it("lists each subgraph's dead letters, filtered, with the subgraph that owns them", async () => {
    const response = await postGraphql<{
      eventBackbone: Record<string, { subgraph: string; deadLetters: { nodes: unknown[] } }>;
    }>(
      t.gatewayUrl,
      `query ($erp: DeadLetterFilter) {
        eventBackbone {
          id
          erp { subgraph deadLetters(filter: $erp) { nodes { id subgraph consumer attempts error
            event { id type correlationId source } } } }
          quality { subgraph deadLetters { nodes { id subgraph consumer } } }
          mes { subgraph deadLetters { nodes { id } } }
          genealogy { subgraph unpublishedEvents deadLetters { nodes { id } } }
        }
      }`,
      { erp: { consumer: 'test.erp-consumer', type: 'test.pinged' } },
    );
    expect(response.errors).toBeUndefined();
    const backbone = response.data?.eventBackbone;
    expect(backbone?.erp?.deadLetters.nodes).toEqual([
      {
        id: erpLetter,
        subgraph: 'erp',
        consumer: 'test.erp-consumer',
        attempts: 5,
        error: 'Error: test.erp-consumer cannot apply it',
        event: expect.objectContaining({ type: 'test.pinged', correlationId }),
      },
    ]);
    expect(backbone?.quality?.deadLetters.nodes).toEqual([
      { id: qualityLetter, subgraph: 'quality', consumer: 'test.quality-consumer' },
    ]);
    expect(backbone?.mes?.deadLetters.nodes).toEqual([]);
    expect(backbone?.genealogy?.subgraph).toBe('genealogy');

    const none = await postGraphql(
      t.gatewayUrl,
      `{ eventBackbone { erp { deadLetters(filter: { since: "2026-11-21T00:00:00Z" }) { nodes { id } } } } }`,
    );
    expect(none.data).toEqual({ eventBackbone: { erp: { deadLetters: { nodes: [] } } } });

    const badCursor = await postGraphql(
      t.gatewayUrl,
      `{ eventBackbone { erp { deadLetters(after: "bm90LWEtY3Vyc29y") { nodes { id } } } } }`,
    );
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    });
  });

  it('shows the trail of one correlation id across every subgraph', async () => {
    const response = await postGraphql<{ correlationTrail: Record<string, unknown> }>(
      t.gatewayUrl,
      `query ($id: ID!) {
        correlationTrail(correlationId: $id) {
          correlationId
          erp { subgraph published { event { id type aggregateVersion data } } failed { id } }
          quality { published { event { id } } failed { id consumer } }
          mes { consumed { consumer eventId outcome aggregateVersion } }
          genealogy { published { event { id } } consumed { eventId } failed { id } }
        }
      }`,
      { id: correlationId },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.correlationTrail).toEqual({
      correlationId,
      erp: {
        subgraph: 'erp',
        published: [
          {
            event: {
              id: erpEvent.id,
              type: 'test.pinged',
              aggregateVersion: 1,
              data: '{"from":"erp"}',
            },
          },
        ],
        failed: [{ id: erpLetter }],
      },
      quality: {
        published: [{ event: { id: qualityEvent.id } }],
        failed: [{ id: qualityLetter, consumer: 'test.quality-consumer' }],
      },
      mes: {
        consumed: [
          {
            consumer: 'test.mes-consumer',
            eventId: consumedByMes.id,
            outcome: 'APPLIED',
            aggregateVersion: 1,
          },
        ],
      },
      genealogy: { published: [], consumed: [], failed: [] },
    });
  });

  it('routes replays to the subgraph that owns the dead letter', async () => {
    const response = await postGraphql(
      t.gatewayUrl,
      `mutation ($quality: ID!) {
        owned: replayQualityDeadLetter(id: $quality) { deadLetterId outcome error deadLetter { subgraph replayedAt } }
        elsewhere: replayErpDeadLetter(id: $quality) { outcome deadLetter { id } }
        batch: replayErpDeadLetters(filter: { consumer: "test.erp-consumer" }) {
          replayed applied failed results { deadLetterId outcome }
        }
      }`,
      { quality: qualityLetter },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      owned: {
        deadLetterId: qualityLetter,
        outcome: 'NO_HANDLER',
        error: 'no consumer named test.quality-consumer runs in quality',
        deadLetter: { subgraph: 'quality', replayedAt: null },
      },
      elsewhere: { outcome: 'NOT_FOUND', deadLetter: null },
      batch: {
        replayed: 1,
        applied: 0,
        failed: 0,
        results: [{ deadLetterId: erpLetter, outcome: 'NO_HANDLER' }],
      },
    });

    const badLimit = await postGraphql(
      t.gatewayUrl,
      'mutation { replayMesDeadLetters(filter: {}, limit: 0) { replayed } }',
    );
    expect(badLimit.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'limit',
    });
  });
});
