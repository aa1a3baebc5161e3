import {
  createNatsEventFeed,
  MemoryEventFeed,
  recordingBus,
  type EventBus,
  type EventConfig,
  type EventFeed,
} from '@plantgraph/events';
import type { Logger } from '@plantgraph/platform';

/** The bus the subgraphs use and the feed the gateway serves subscriptions from. */
export interface SubscriptionFeed {
  readonly bus: EventBus;
  readonly feed: EventFeed;
}

/**
 * On NATS the gateway reads the bus's JetStream stream; on the in-process bus it reads a ring of
 * the last `replayEvents` events, which every publish on the bus appends to.
 */
export function subscriptionFeed(
  bus: EventBus,
  config: EventConfig,
  replayEvents: number,
  log: Logger,
): SubscriptionFeed {
  if (config.nats !== null && bus.kind === 'nats') {
    return {
      bus,
      feed: createNatsEventFeed({ nats: config.nats, log, name: 'plantgraph-gateway' }),
    };
  }
  const feed = new MemoryEventFeed({ capacity: replayEvents });
  return { bus: recordingBus(bus, feed), feed };
}
