import { readFile } from 'node:fs/promises';
import { createNatsEventFeed, type NatsConfig, type NatsEventFeed } from '@plantgraph/events';
import { createLogger, type RunningHttpService } from '@plantgraph/platform';
import { startGateway } from '../gateway/src/server.ts';
import { DEFAULT_SUBSCRIPTION_SETTINGS } from '../gateway/src/subscriptions/subscription-settings.ts';
import { subscriptionScenarios, TEST_BUFFER_SIZE } from './support/subscription-scenarios.ts';
import {
  natsTestConfig,
  startSubscriptionStack,
  SUPERGRAPH_PATH,
  type SubscriptionTestStack,
} from './support/subscription-stack.ts';
import {
  copyPlannedInspection,
  payloads,
  plannedInspections,
  Recorder,
  recordFailure,
  settle,
  wsClient,
} from './support/subscriptions.ts';

const SETTINGS = {
  ...DEFAULT_SUBSCRIPTION_SETTINGS,
  bufferSize: TEST_BUFFER_SIZE,
  keepAliveMs: 60_000,
};

const QUERY = /* GraphQL */ `
  subscription Failures($after: String) {
    inspectionFailed(after: $after) {
      cursor
      eventId
      inspection {
        number
      }
    }
  }
`;

let t: SubscriptionTestStack;
let nats: NatsConfig;
const extraGateways: { gateway: RunningHttpService; feed: NatsEventFeed }[] = [];

/** Another gateway process's worth: its own server, JetStream reader and hub. */
async function startAnotherGateway(): Promise<RunningHttpService> {
  const feed = createNatsEventFeed({ nats, log: createLogger('feed', 'silent') });
  const gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    supergraphSdl: await readFile(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: Object.fromEntries(
      Object.entries(t.stack.subgraphs).map(([name, subgraph]) => [name, subgraph.url]),
    ),
    log: createLogger('gateway', 'silent'),
    events: feed,
    subscriptions: SETTINGS,
  });
  extraGateways.push({ gateway, feed });
  return gateway;
}

function numbersOf(recorder: Recorder): unknown[] {
  return payloads(recorder, 'inspectionFailed').map((p) => p.inspection);
}

beforeAll(async () => {
  const events = natsTestConfig(process.env);
  if (!events.nats) throw new Error('no NATS configuration');
  nats = events.nats;
  t = await startSubscriptionStack({ events, subscriptions: SETTINGS });
}, 180_000);

afterAll(async () => {
  for (const { gateway, feed } of extraGateways.splice(0)) {
    await gateway.close();
    await feed.close();
  }
  await t?.close();
});

describe('subscriptions through the gateway on NATS JetStream', () => {
  subscriptionScenarios(() => t);

  it('delivers each event once to every subscriber of two gateway processes reading one stream', async () => {
    const second = await startAnotherGateway();
    const clients = [wsClient(t.gatewayUrl), wsClient(second.url)];
    try {
      const recorders = clients.flatMap((client) => [
        new Recorder(client, QUERY),
        new Recorder(client, QUERY),
      ]);
      await settle(500);
      const [source] = await plannedInspections(t.gatewayUrl);
      if (!source) throw new Error('no planned inspection');
      const numbers = await copyPlannedInspection(t.root, source.number, 3);
      for (const number of numbers) {
        await recordFailure(t.gatewayUrl, number, source.characteristics);
      }
      for (const recorder of recorders) await recorder.received(3);
      await settle(1000);
      const expected = numbers.map((number) => ({ number }));
      for (const recorder of recorders) {
        expect(numbersOf(recorder)).toEqual(expected);
        expect(recorder.results.every((result) => result.errors === undefined)).toBe(true);
      }
      // The same event has the same id and cursor whichever gateway delivered it.
      const [one, , other] = recorders.map((r) => payloads(r, 'inspectionFailed'));
      expect(other?.map((p) => [p.eventId, p.cursor])).toEqual(
        one?.map((p) => [p.eventId, p.cursor]),
      );
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it('resumes a cursor on a gateway started after the events, reading them from JetStream', async () => {
    const [source] = await plannedInspections(t.gatewayUrl);
    if (!source) throw new Error('no planned inspection');
    const numbers = await copyPlannedInspection(t.root, source.number, 4);
    const [seen = '', ...missed] = numbers;
    const first = wsClient(t.gatewayUrl);
    let cursor: unknown;
    try {
      const before = new Recorder(first, QUERY);
      await settle();
      await recordFailure(t.gatewayUrl, seen, source.characteristics);
      await before.received(1);
      cursor = payloads(before, 'inspectionFailed')[0]?.cursor;
    } finally {
      await first.dispose();
    }
    for (const number of missed) await recordFailure(t.gatewayUrl, number, source.characteristics);
    await settle(500);

    const fresh = await startAnotherGateway();
    const client = wsClient(fresh.url);
    try {
      const after = new Recorder(client, QUERY, { after: cursor });
      await after.received(3);
      await settle(500);
      expect(numbersOf(after)).toEqual(missed.map((number) => ({ number })));
    } finally {
      await client.dispose();
    }
  });
});
