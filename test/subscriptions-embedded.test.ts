import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import WebSocket from 'ws';
import { createLogger, type RunningHttpService } from '@plantgraph/platform';
import { startGateway } from '../gateway/src/server.ts';
import { DEFAULT_SUBSCRIPTION_SETTINGS } from '../gateway/src/subscriptions/subscription-settings.ts';
import { readmeOperations } from './support/readme.ts';
import { subscriptionScenarios, TEST_BUFFER_SIZE } from './support/subscription-scenarios.ts';
import { SlowSubscriber } from './support/slow-subscriber.ts';
import {
  startSubscriptionStack,
  SUPERGRAPH_PATH,
  type SubscriptionTestStack,
} from './support/subscription-stack.ts';
import {
  copyPlannedInspection,
  isSubscription,
  payloads,
  plannedInspections,
  publishBulk,
  Recorder,
  recordFailure,
  settle,
  wsClient,
  wsUrlOf,
} from './support/subscriptions.ts';

/** The embedded retention window of this suite, in events: small, so a cursor can expire. */
const REPLAY_EVENTS = 200;

let t: SubscriptionTestStack;

beforeAll(async () => {
  t = await startSubscriptionStack({
    // A small memory of recent events, so resuming also reads the in-process feed itself.
    subscriptions: {
      ...DEFAULT_SUBSCRIPTION_SETTINGS,
      bufferSize: TEST_BUFFER_SIZE,
      recentEvents: 4,
      // Long enough for the stalled subscriber of the scenarios to come back.
      keepAliveMs: 60_000,
    },
    replayEvents: REPLAY_EVENTS,
  });
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('subscriptions through the gateway on the in-process bus', () => {
  subscriptionScenarios(() => t);

  it('answers a cursor older than the retention window with CURSOR_EXPIRED', async () => {
    const client = wsClient(t.gatewayUrl);
    try {
      const type = `test.expiry${randomUUID()
        .slice(0, 6)
        .replace(/[^a-z]/g, 'x')}`;
      const query = `subscription($after: String) {
        manufacturingEvents(types: ["${type}"], after: $after) { cursor subject } }`;
      const live = new Recorder(client, query);
      await settle();
      await publishBulk(t.bus, type, 1, 10);
      await live.received(1);
      const cursor = payloads(live, 'manufacturingEvents')[0]?.cursor;
      // One more than the window holds: the event right after the cursor has left it.
      await publishBulk(t.bus, type, REPLAY_EVENTS + 1, 10);

      const [error] = await new Recorder(client, query, { after: cursor }).failed();
      expect(error).toMatchObject({
        message: expect.stringMatching(/no longer retained/),
        extensions: { code: 'CURSOR_EXPIRED', argumentName: 'after' },
      });
    } finally {
      await client.dispose();
    }
  });

  it('runs the README subscription as written', async () => {
    const subscriptions = (await readmeOperations(new URL('../README.md', import.meta.url))).filter(
      (operation) => isSubscription(operation.query),
    );
    expect(subscriptions.length).toBeGreaterThanOrEqual(1);
    const client = wsClient(t.gatewayUrl);
    try {
      const recorders = subscriptions.map(
        ({ query, variables }) => new Recorder(client, query, variables),
      );
      await settle();
      const [source] = await plannedInspections(t.gatewayUrl);
      if (!source) throw new Error('no planned inspection');
      const [number = ''] = await copyPlannedInspection(t.root, source.number, 1);
      await recordFailure(t.gatewayUrl, number, source.characteristics);
      for (const recorder of recorders) {
        await recorder.received(1);
        expect(recorder.results[0]?.errors).toBeUndefined();
        expect(Object.values(recorder.results[0]?.data ?? {})).not.toContain(null);
      }
    } finally {
      await client.dispose();
    }
  });
});

describe('the limits of a WebSocket connection', () => {
  const TOKEN = 'let-me-in';
  let gateway: RunningHttpService;

  beforeAll(async () => {
    gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      supergraphSdl: await readFile(SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: Object.fromEntries(
        Object.entries(t.stack.subgraphs).map(([name, subgraph]) => [name, subgraph.url]),
      ),
      log: createLogger('gateway', 'silent'),
      events: t.stack.eventFeed,
      subscriptions: {
        ...DEFAULT_SUBSCRIPTION_SETTINGS,
        initTimeoutMs: 300,
        keepAliveMs: 300,
        maxOperations: 2,
      },
      // The hook authentication will fill: here, a fixed token in the init payload.
      authenticate: async ({ payload }) =>
        payload?.token === TOKEN ? { subject: 'tester', cacheKey: 'tester' } : null,
    });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  /** Opens a raw protocol socket and resolves with its close code. */
  const closeCodeOf = async (init: Record<string, unknown> | null): Promise<number> => {
    const socket = new WebSocket(wsUrlOf(gateway.url), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('open', resolve));
    if (init) socket.send(JSON.stringify({ type: 'connection_init', payload: init }));
    return closed;
  };

  it('closes a connection that sends no connection_init in time (4408)', async () => {
    expect(await closeCodeOf(null)).toBe(4408);
  });

  it('closes a connection whose init payload the authentication hook refuses (4403)', async () => {
    expect(await closeCodeOf({ token: 'wrong' })).toBe(4403);
    const client = wsClient(gateway.url, { token: TOKEN });
    try {
      const plants = await new Recorder(client, '{ plants { id } }').received(1);
      expect(plants.results[0]?.errors).toBeUndefined();
    } finally {
      await client.dispose();
    }
  });

  it('refuses an operation beyond the per-connection limit and keeps the others', async () => {
    const client = wsClient(gateway.url, { token: TOKEN });
    try {
      const query = 'subscription { inspectionFailed { inspection { number } } }';
      const kept = [new Recorder(client, query), new Recorder(client, query)];
      await settle();
      const [error] = await new Recorder(client, query).failed();
      expect(error).toMatchObject({
        message: expect.stringMatching(/already runs 2 operations/),
        extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
      });
      const [source] = await plannedInspections(t.gatewayUrl);
      if (!source) throw new Error('no planned inspection');
      const [number = ''] = await copyPlannedInspection(t.root, source.number, 1);
      await recordFailure(t.gatewayUrl, number, source.characteristics);
      for (const recorder of kept) {
        await recorder.received(1);
        expect(payloads(recorder, 'inspectionFailed')).toEqual([{ inspection: { number } }]);
      }
    } finally {
      await client.dispose();
    }
  });

  it('cuts a connection that stops answering keep-alive pings', async () => {
    const slow = await SlowSubscriber.open(
      gateway.url,
      'subscription { inspectionFailed { cursor } }',
      { token: TOKEN },
    );
    await settle(1500);
    slow.resume();
    expect((await slow.closed()).code).toBe(1006);
  });
});
