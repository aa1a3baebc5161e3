import { fileURLToPath } from 'node:url';
import { MemoryEventFeed, type EventEnvelope } from '@plantgraph/events';
import { createLogger } from '@plantgraph/platform';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { composeFromConfig, formatProblems } from '../src/composition.ts';
import { concurrencyLimit, slots } from '../src/subscriptions/concurrency-limit.ts';
import { EventHub } from '../src/subscriptions/event-hub.ts';
import { subscriptionSchemaOf } from '../src/subscriptions/subscription-schema.ts';
import { SubscriptionGroup } from '../src/subscriptions/subscription-group.ts';
import { planSubscription, SubscriptionPlan } from '../src/subscriptions/subscription-plan.ts';
import { SubscriptionStream, type ResultBuffer } from '../src/subscriptions/subscription-stream.ts';

const log = createLogger('test', 'silent');
let schema: GraphQLSchema;

beforeAll(async () => {
  const outcome = await composeFromConfig(
    fileURLToPath(new URL('../../supergraph.yaml', import.meta.url)),
  );
  if (!outcome.ok) throw new Error(formatProblems(outcome.errors));
  schema = subscriptionSchemaOf(outcome.apiSchema);
});

/** A buffer of `size` slots that remembers the most it ever held. */
class CountingBuffer implements ResultBuffer {
  waiting = 0;
  most = 0;
  readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
  reserve(): boolean {
    if (this.waiting >= this.size) return false;
    this.waiting += 1;
    this.most = Math.max(this.most, this.waiting);
    return true;
  }
  release(count: number): void {
    this.waiting -= count;
  }
}

function event(index: number): EventEnvelope {
  return {
    specversion: '1.0',
    id: `event-${index}`,
    source: 'plantgraph/test',
    type: 'test.tick',
    subject: `tick-${index}`,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { index },
    correlationid: `correlation-${index}`,
    causationid: null,
    plant: 'plant-test',
    aggregatetype: 'Tick',
    aggregateid: `tick-${index}`,
    aggregateversion: 1,
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (!condition()) throw new Error('condition never held');
}

async function subjects(stream: SubscriptionStream, count: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    const next = await stream.next();
    if (next.done) break;
    const data = next.value.data?.manufacturingEvents;
    seen.push(typeof data === 'object' && data !== null && 'subject' in data ? data.subject : data);
  }
  return seen;
}

describe('a subscription whose client does not keep up', () => {
  it('never holds more than its buffer, then sends every event in order, exactly once, and goes live again', async () => {
    const feed = new MemoryEventFeed({ capacity: 1000 });
    const hub = new EventHub({ feed, recentEntries: 4, log });
    hub.start();
    await hub.ready(1000);
    const document = parse('subscription { manufacturingEvents { cursor subject } }');
    const operation = getOperationAST(document);
    if (!operation) throw new Error('no operation');
    const plan = planSubscription({
      schema,
      document,
      operation,
      variables: {},
      lookups: { itemOfLot: async () => null },
      identityKey: 'test',
    });
    if (!(plan instanceof SubscriptionPlan)) throw new Error(JSON.stringify(plan));
    const group = new SubscriptionGroup({
      plan,
      hub,
      executor: async () => {
        throw new Error('no entity was selected: nothing to read');
      },
      limit: concurrencyLimit(4),
      log,
      onEmpty: () => undefined,
    });
    const buffer = new CountingBuffer(5);
    const stream = new SubscriptionStream({
      group,
      hub,
      feed,
      buffer,
      readers: slots(1),
      after: null,
      onEnd: () => undefined,
    });

    for (let i = 0; i < 30; i += 1) feed.append(event(i));
    await until(() => hub.lastPosition === 30);
    expect(buffer.most).toBe(5);
    expect(stream.fellBehind).toBeGreaterThanOrEqual(1);

    expect(await subjects(stream, 30)).toEqual(Array.from({ length: 30 }, (_, i) => `tick-${i}`));
    const fellBehind = stream.fellBehind;
    const live = subjects(stream, 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    feed.append(event(30));
    feed.append(event(31));
    expect(await live).toEqual(['tick-30', 'tick-31']);
    expect(stream.fellBehind).toBe(fellBehind);
    expect(buffer.most).toBe(5);

    await stream.return();
    expect(buffer.waiting).toBe(0);
    await hub.close();
    await feed.close();
  });
});
