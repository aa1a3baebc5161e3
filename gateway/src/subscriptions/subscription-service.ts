import type { EventFeed, FeedBounds } from '@plantgraph/events';
import type { Logger } from '@plantgraph/platform';
import type { GraphQLError } from 'graphql';
import { concurrencyLimit, slots } from './concurrency-limit.ts';
import { checkCursor } from './cursor-check.ts';
import type { KeyLookups } from './event-catalog.ts';
import { EventHub } from './event-hub.ts';
import type { PayloadExecutor } from './event-payload.ts';
import type { GatewayOperations } from './gateway-operations.ts';
import { graphKeyLookups } from './key-lookups.ts';
import { SubscriptionErrorCode, subscriptionError } from './subscription-errors.ts';
import { SubscriptionGroup } from './subscription-group.ts';
import type { SubscriptionPlan } from './subscription-plan.ts';
import { SubscriptionStream, type ResultBuffer } from './subscription-stream.ts';

export interface SubscriptionServiceOptions {
  readonly feed: EventFeed;
  readonly operations: GatewayOperations;
  readonly log: Logger;
  /** Entries the hub keeps in memory for subscribers resuming from a recent cursor. */
  readonly recentEntries: number;
  /** How long a new subscription waits for an unreadable feed before it is refused. */
  readonly feedTimeoutMs: number;
}

/**
 * Payloads resolved at once by one gateway: a burst (many subscribers catching up) queues here
 * instead of opening thousands of requests to the subgraphs.
 */
const MAX_RESOLVING = 8;
/**
 * Readers of the feed open at once (subscribers resuming, or catching up, from further back than
 * the hub's memory); the others wait their turn rather than each opening a JetStream consumer.
 */
const MAX_READERS = 32;

function feedUnavailable(): GraphQLError {
  return subscriptionError(
    'The event feed cannot be read right now; try again shortly.',
    SubscriptionErrorCode.EventFeedUnavailable,
  );
}

/**
 * Serves subscriptions from the event feed: one hub follows the feed for the whole gateway,
 * groups share the resolution of identical subscriptions, and each subscription streams its
 * results in order from its cursor.
 */
export class SubscriptionService {
  readonly #options: SubscriptionServiceOptions;
  readonly #hub: EventHub;
  readonly #groups = new Map<string, SubscriptionGroup>();
  readonly #executor: PayloadExecutor;
  readonly #limit = concurrencyLimit(MAX_RESOLVING);
  readonly #readers = slots(MAX_READERS);
  readonly lookups: KeyLookups;

  constructor(options: SubscriptionServiceOptions) {
    this.#options = options;
    this.#hub = new EventHub({
      feed: options.feed,
      recentEntries: options.recentEntries,
      log: options.log,
    });
    this.#hub.start();
    this.lookups = graphKeyLookups(options.operations);
    this.#executor = (query, variables, event) =>
      options.operations.run(
        { query: query.text, operationName: query.operationName, variables },
        event.correlationid,
      );
  }

  /** The subscriptions being served, for logs and tests. */
  get groups(): number {
    return this.#groups.size;
  }

  /**
   * Null when the plan can start now; otherwise why not: the feed cannot be read, or its cursor
   * is not one the feed can resume from.
   */
  async admit(plan: SubscriptionPlan): Promise<GraphQLError[] | null> {
    const { feed, feedTimeoutMs } = this.#options;
    try {
      await this.#hub.ready(feedTimeoutMs);
    } catch {
      return [feedUnavailable()];
    }
    if (plan.after === null) return null;
    let bounds: FeedBounds;
    try {
      bounds = await withTimeout(feed.bounds(), feedTimeoutMs);
    } catch (error) {
      this.#options.log.warn({ err: error }, 'cannot read the event feed bounds');
      return [feedUnavailable()];
    }
    const error = checkCursor(plan.after, bounds);
    return error ? [error] : null;
  }

  /** Starts an admitted subscription; its pushed results wait in `buffer`. */
  open(plan: SubscriptionPlan, buffer: ResultBuffer, onEnd: () => void): SubscriptionStream {
    let group = this.#groups.get(plan.groupKey);
    if (group === undefined) {
      const created = new SubscriptionGroup({
        plan,
        hub: this.#hub,
        executor: this.#executor,
        limit: this.#limit,
        log: this.#options.log.child({ subscription: plan.source.field }),
        onEmpty: () => {
          if (this.#groups.get(plan.groupKey) === created) this.#groups.delete(plan.groupKey);
        },
      });
      this.#groups.set(plan.groupKey, created);
      group = created;
    }
    return new SubscriptionStream({
      group,
      hub: this.#hub,
      feed: this.#options.feed,
      buffer,
      readers: this.#readers,
      after: plan.after?.position ?? null,
      onEnd,
    });
  }

  async close(): Promise<void> {
    await this.#hub.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
