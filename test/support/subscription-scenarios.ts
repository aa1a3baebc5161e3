import { randomUUID } from 'node:crypto';
import { DEMO } from '@plantgraph/seed';
import { EXAMPLES } from '../../gateway/src/examples.ts';
import { encodeCursor } from '../../gateway/src/subscriptions/cursor.ts';
import { postGraphql } from './graphql-client.ts';
import { SlowSubscriber } from './slow-subscriber.ts';
import type { SubscriptionTestStack } from './subscription-stack.ts';
import {
  copyPlannedInspection,
  isData,
  payloads,
  plannedInspections,
  publishBulk,
  Recorder,
  recordFailure,
  settle,
  wsClient,
  type Data,
  type PlannedInspection,
} from './subscriptions.ts';

/** The buffer the scenarios give each connection: small, so a stalled client overflows it. */
export const TEST_BUFFER_SIZE = 16;

/** Events of the stalled-subscriber scenario: the retention window must hold them. */
export const BULK_EVENTS = 150;

const INSPECTION_NUMBERS = /* GraphQL */ `
  subscription Failures($plant: ID, $item: ID, $after: String) {
    inspectionFailed(plant: $plant, item: $item, after: $after) {
      cursor
      eventId
      type
      inspection {
        number
      }
    }
  }
`;

interface ExpectedInspection {
  inspectionByNumber: {
    number: string;
    type: string;
    results: unknown[];
    nonconformances: { number: string; severity: string }[];
    lot: {
      number: string;
      qualityStatus: string;
      item: { number: string };
      plant: { name: string };
      parents: unknown[];
    };
    order: { number: string; pinnedItemRevision: { revision: string } | null } | null;
    operation: { sequence: number; operationCode: string } | null;
  } | null;
}

function numbersOf(recorder: Recorder): string[] {
  return payloads(recorder, 'inspectionFailed').map((payload) => {
    const inspection = payload.inspection;
    return isData(inspection) ? String(inspection.number) : 'missing';
  });
}

function first<T>(items: readonly T[], what: string): T {
  const [item] = items;
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

/**
 * The behaviour every event backbone must show through the gateway, with the real graphql-ws
 * client: `stack()` answers the suite's running product (in-process bus or NATS).
 */
export function subscriptionScenarios(stack: () => SubscriptionTestStack): void {
  let planned: PlannedInspection[];
  const clients: { dispose(): unknown }[] = [];
  const client = (params?: Record<string, unknown>) => {
    const created = wsClient(stack().gatewayUrl, params);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    planned = await plannedInspections(stack().gatewayUrl);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  /** A planned inspection to copy: of an order's operation when `withOrder`. */
  const template = (predicate: (p: PlannedInspection) => boolean = () => true) =>
    first(planned.filter(predicate), 'planned inspection to copy');

  it('delivers inspectionFailed with fields from all four subgraphs, read when it is delivered', async () => {
    const { gatewayUrl, root } = stack();
    const source = template((p) => p.orderNumber !== null);
    const [number = ''] = await copyPlannedInspection(root, source.number, 1);
    const example = first(
      EXAMPLES.filter((e) => e.name === 'Failed inspections as they happen'),
      'subscription example',
    );
    const recorder = new Recorder(client(), example.query, { ...example.variables });
    await settle();
    const correlationId = `subscription-test-${randomUUID()}`;
    const eventIds = await recordFailure(gatewayUrl, number, source.characteristics, correlationId);

    await recorder.received(1);
    const expected = await postGraphql<ExpectedInspection>(
      gatewayUrl,
      `query Expected($number: String!) { inspectionByNumber(number: $number) {
        number type
        results { characteristic { code upperLimit uom } measured verdict }
        nonconformances { number severity }
        lot { number qualityStatus item { number } plant { name }
          parents { lot { number supplier { name } } } }
        order { number pinnedItemRevision { revision } }
        operation { sequence operationCode } } }`,
      { number },
    );
    const inspection = expected.data?.inspectionByNumber;
    if (!inspection?.order || !inspection.operation) throw new Error('no expected inspection');
    const [result] = recorder.results;
    expect(result?.errors).toBeUndefined();
    const [payload] = payloads(recorder, 'inspectionFailed');
    const { plant, ...lot } = inspection.lot;
    expect(payload).toMatchObject({
      correlationId,
      plant,
      inspection: { number, type: inspection.type, results: inspection.results },
      nonconformance: first(inspection.nonconformances, 'nonconformance'),
      lot: { ...lot, qualityStatus: 'ON_HOLD' },
      order: inspection.order,
      operation: inspection.operation,
    });
    expect(inspection.results.length).toBeGreaterThan(0);
    expect(lot.parents.length).toBeGreaterThan(0);
    expect(inspection.order.pinnedItemRevision?.revision).toEqual(expect.any(String));
    expect(Date.parse(String(payload?.time))).not.toBeNaN();
    expect(payload?.cursor).toEqual(expect.any(String));
    expect(eventIds.length).toBeGreaterThanOrEqual(2);
  });

  it('delivers orderStatusChanged and operationStatusChanged from the erp and mes mutations', async () => {
    const { gatewayUrl } = stack();
    const orderNumber = DEMO.createdOrderNumber;
    const found = await postGraphql<{ orderByNumber: { id: string } | null }>(
      gatewayUrl,
      `query Order($n: String!) { orderByNumber(number: $n) { id } }`,
      { n: orderNumber },
    );
    const orderId = found.data?.orderByNumber?.id ?? '';
    const ws = client();
    const orders = new Recorder(
      ws,
      `subscription($order: ID) { orderStatusChanged(order: $order, status: RELEASED) {
        type status order { number status } } }`,
      { order: orderId },
    );
    const changes = new Recorder(
      ws,
      `subscription($order: ID) { orderStatusChanged(order: $order) { type status } }`,
      { order: orderId },
    );
    const operations = new Recorder(
      ws,
      `subscription($order: ID) { operationStatusChanged(order: $order) {
        type status operation { sequence status } order { number } } }`,
      { order: orderId },
    );
    await settle();
    const released = await postGraphql(
      gatewayUrl,
      `mutation Release($n: String!) { releaseOrder(input: {
        idempotencyKey: "subscription-release", orderNumber: $n, actor: "subscription-test" }) {
        errors { code } } }`,
      { n: orderNumber },
    );
    expect(released.errors).toBeUndefined();
    await orders.received(1);
    expect(payloads(orders, 'orderStatusChanged')).toEqual([
      {
        type: 'order.released',
        status: 'RELEASED',
        order: { number: orderNumber, status: 'RELEASED' },
      },
    ]);

    // The MES learns of the release from the event; then the first operation can start.
    let sequence: number | undefined;
    for (let i = 0; i < 100 && sequence === undefined; i += 1) {
      const order = await postGraphql<{ orderByNumber: { operations: { sequence: number }[] } }>(
        gatewayUrl,
        `query Ops($n: String!) { orderByNumber(number: $n) { operations { sequence } } }`,
        { n: orderNumber },
      );
      sequence = order.data?.orderByNumber.operations[0]?.sequence;
      if (sequence === undefined) await settle(100);
    }
    const started = await postGraphql(
      gatewayUrl,
      `mutation Start($n: String!, $s: Int!, $at: DateTime!) { startOperation(input: {
        idempotencyKey: "subscription-start", orderNumber: $n, sequence: $s, eventSequence: 1,
        occurredAt: $at, actor: "subscription-test" }) { errors { code } } }`,
      { n: orderNumber, s: sequence, at: new Date().toISOString() },
    );
    expect(started.errors).toBeUndefined();
    await operations.received(1);
    expect(payloads(operations, 'operationStatusChanged')).toEqual([
      {
        type: 'operation.started',
        status: 'IN_PROGRESS',
        operation: { sequence, status: 'IN_PROGRESS' },
        order: { number: orderNumber },
      },
    ]);

    // erp moves the order on from the shop floor's event, then a planner puts it on hold.
    await changes.received(2);
    const held = await postGraphql(
      gatewayUrl,
      `mutation Hold($n: String!) { holdOrder(input: { idempotencyKey: "subscription-hold",
        orderNumber: $n, actor: "subscription-test", reason: "line stop" }) { errors { code } } }`,
      { n: orderNumber },
    );
    expect(held.errors).toBeUndefined();
    await changes.received(3);
    expect(payloads(changes, 'orderStatusChanged')).toEqual([
      { type: 'order.released', status: 'RELEASED' },
      { type: 'order.status.changed', status: 'IN_PROGRESS' },
      { type: 'order.status.changed', status: 'ON_HOLD' },
    ]);
  });

  it('applies filters: each subscriber gets only the events that match its arguments', async () => {
    const { gatewayUrl, root } = stack();
    const a = template();
    const b = template((p) => p.plantId !== a.plantId && p.itemId !== a.itemId);
    const [numberA = ''] = await copyPlannedInspection(root, a.number, 1);
    const [numberB = ''] = await copyPlannedInspection(root, b.number, 1);
    const ws = client();
    const all = new Recorder(ws, INSPECTION_NUMBERS);
    const byPlant = new Recorder(ws, INSPECTION_NUMBERS, { plant: a.plantId });
    const byItem = new Recorder(ws, INSPECTION_NUMBERS, { item: b.itemId });
    const noMatch = new Recorder(ws, INSPECTION_NUMBERS, { plant: 'plant-that-does-not-exist' });
    const lotStatus = new Recorder(
      ws,
      `subscription { lotQualityStatusChanged(lot: "${a.lotId}") { qualityStatus lot { number } } }`,
    );
    const majorAtB = new Recorder(
      ws,
      `subscription { nonconformanceRaised(plant: "${b.plantId}", severity: MAJOR) {
        severity lot { number } } }`,
    );
    const criticalOnes = new Recorder(
      ws,
      `subscription { nonconformanceRaised(severity: CRITICAL) { severity } }`,
    );
    const typed = new Recorder(
      ws,
      `subscription { manufacturingEvents(types: ["nonconformance.raised"], plant: "${a.plantId}") {
        type subject plant { id } } }`,
    );
    await settle();
    await recordFailure(gatewayUrl, numberA, a.characteristics);
    await recordFailure(gatewayUrl, numberB, b.characteristics);

    await all.received(2);
    await Promise.all([
      byPlant.received(1),
      byItem.received(1),
      lotStatus.received(1),
      majorAtB.received(1),
      typed.received(1),
    ]);
    await settle(500);
    expect(numbersOf(all)).toEqual([numberA, numberB]);
    expect(numbersOf(byPlant)).toEqual([numberA]);
    expect(numbersOf(byItem)).toEqual([numberB]);
    expect(noMatch.results).toEqual([]);
    expect(criticalOnes.results).toEqual([]);
    expect(payloads(lotStatus, 'lotQualityStatusChanged')).toEqual([
      { qualityStatus: 'ON_HOLD', lot: { number: a.lotNumber } },
    ]);
    expect(payloads(majorAtB, 'nonconformanceRaised')).toEqual([
      { severity: 'MAJOR', lot: { number: b.lotNumber } },
    ]);
    expect(payloads(typed, 'manufacturingEvents')).toEqual([
      { type: 'nonconformance.raised', subject: expect.any(String), plant: { id: a.plantId } },
    ]);
  });

  it('sends a client that reconnects with its cursor exactly the events it missed, in order, then new ones', async () => {
    const { gatewayUrl, root } = stack();
    const source = template();
    const numbers = await copyPlannedInspection(root, source.number, 5);
    const [seen = '', ...later] = numbers;
    const missed = later.slice(0, 3);
    const live = later[3] ?? '';

    const firstClient = client();
    const before = new Recorder(firstClient, INSPECTION_NUMBERS);
    await settle();
    await recordFailure(gatewayUrl, seen, source.characteristics);
    await before.received(1);
    const cursor = first(payloads(before, 'inspectionFailed'), 'payload').cursor;
    await firstClient.dispose();

    for (const number of missed) await recordFailure(gatewayUrl, number, source.characteristics);
    const after = new Recorder(client(), INSPECTION_NUMBERS, { after: cursor });
    await after.received(3);
    expect(numbersOf(after)).toEqual(missed);
    await recordFailure(gatewayUrl, live, source.characteristics);
    await after.received(4);
    await settle(500);
    expect(numbersOf(after)).toEqual([...missed, live]);
    const ids = payloads(after, 'inspectionFailed').map((payload) => payload.eventId);
    expect(new Set(ids).size).toBe(4);
  });

  it('answers an unknown field, a bad filter value and a bad cursor with an error message and keeps the connection', async () => {
    const { gatewayUrl } = stack();
    const ws = client();
    const errorOf = async (query: string, variables: Record<string, unknown> = {}) => {
      const [error] = await new Recorder(ws, query, variables).failed();
      if (!isData(error)) throw new Error(`not an error: ${JSON.stringify(error)}`);
      return error;
    };
    const extensionsOf = (error: Data) => (isData(error.extensions) ? error.extensions : {});

    const unknownField = await errorOf('subscription { inspectionExploded { cursor } }');
    expect(unknownField.message).toMatch(/Cannot query field "inspectionExploded"/);
    expect(extensionsOf(unknownField).code).toBe('GRAPHQL_VALIDATION_FAILED');

    const badEnum = await errorOf(
      'subscription { nonconformanceRaised(severity: HUGE) { cursor } }',
    );
    expect(badEnum.message).toMatch(/HUGE/);
    expect(extensionsOf(badEnum).code).toBe('GRAPHQL_VALIDATION_FAILED');

    const badType = await errorOf(
      'subscription($types: [String!]) { manufacturingEvents(types: $types) { cursor } }',
      { types: ['Inspection Failed'] },
    );
    expect(badType.message).toMatch(/"Inspection Failed" is not an event type/);
    expect(extensionsOf(badType)).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'types' });

    const emptyPlant = await errorOf('subscription { inspectionFailed(plant: "") { cursor } }');
    expect(extensionsOf(emptyPlant)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'plant',
    });

    const badCursor = await errorOf(INSPECTION_NUMBERS, { after: 'not-a-cursor' });
    expect(badCursor.message).toMatch(/not a cursor this API issued/);
    expect(extensionsOf(badCursor)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    });

    const otherFeed = await errorOf(INSPECTION_NUMBERS, {
      after: encodeCursor('a feed that no longer exists', 1),
    });
    expect(extensionsOf(otherFeed)).toMatchObject({
      code: 'CURSOR_EXPIRED',
      argumentName: 'after',
    });

    // The same connection still runs queries and subscriptions.
    const query = await new Recorder(ws, '{ plants { id } }').received(1);
    expect(query.results[0]?.data?.plants).toEqual(expect.arrayContaining([expect.any(Object)]));
    const working = new Recorder(ws, INSPECTION_NUMBERS);
    await settle();
    const source = template();
    const [number = ''] = await copyPlannedInspection(stack().root, source.number, 1);
    await recordFailure(gatewayUrl, number, source.characteristics);
    await working.received(1);
    expect(numbersOf(working)).toEqual([number]);

    const overHttp = await postGraphql(gatewayUrl, INSPECTION_NUMBERS);
    expect(overHttp.status).toBe(400);
    expect(overHttp.errors?.[0]?.message).toMatch(/WebSocket/);
    expect(overHttp.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('does not let a subscriber that stopped reading delay another; once it reads again it gets every event, in order, exactly once', async () => {
    const { gatewayUrl, root, bus } = stack();
    const type = `test.bulk${randomUUID()
      .slice(0, 8)
      .replace(/[^a-z]/g, 'x')}`;
    const bulkQuery = `subscription { manufacturingEvents(types: ["${type}"]) { cursor subject data } }`;
    const slow = await SlowSubscriber.open(gatewayUrl, bulkQuery);
    const ws = client();
    const fast = new Recorder(ws, bulkQuery);
    const fastFailures = new Recorder(ws, INSPECTION_NUMBERS);
    await settle();

    // Far more than the socket buffers and the connection's buffer of TEST_BUFFER_SIZE hold.
    const count = BULK_EVENTS;
    await publishBulk(bus, type, count, 64 * 1024);
    await fast.received(count, 60_000);
    const source = template();
    const [number = ''] = await copyPlannedInspection(root, source.number, 1);
    await recordFailure(gatewayUrl, number, source.characteristics);
    await fastFailures.received(1);

    // Everything reached the reader while the stalled one had not read a byte.
    expect(slow.messages).toEqual([]);
    const expected = Array.from({ length: count }, (_, i) => `bulk-${i}`);
    expect(payloads(fast, 'manufacturingEvents').map((p) => p.subject)).toEqual(expected);
    slow.resume();
    await slow.received(count, 60_000);
    await settle(300);
    const subjects = slow.messages.map((m) => {
      const payload = m.payload?.data?.manufacturingEvents;
      return isData(payload) ? payload.subject : null;
    });
    expect(subjects).toEqual(expected);
    slow.terminate();
  }, 90_000);
}
