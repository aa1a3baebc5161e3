import type { FeedEntry } from '@plantgraph/events';
import type { Logger } from '@plantgraph/platform';
import type { ExecutionResult } from 'graphql';
import type { ConcurrencyLimit } from './concurrency-limit.ts';
import { encodeCursor } from './cursor.ts';
import { resolveEventPayload, type PayloadExecutor } from './event-payload.ts';
import { payloadBatcher } from './payload-batcher.ts';
import type { EventHub } from './event-hub.ts';
import { subscriptionError } from './subscription-errors.ts';
import type { SubscriptionPlan } from './subscription-plan.ts';

/** A result on its way: null when the filter (after a key lookup) dropped the event. */
export type PendingResult = Promise<ExecutionResult | null>;

/** A subscription receiving new entries from its group. */
export interface LiveMember {
  deliver(position: number, result: PendingResult): void;
}

/**
 * Results kept per group (by feed position; a filtered-out entry costs nothing), so members that
 * ask for the same entry, live or catching up from the hub's memory, share one resolution.
 */
const MEMO_SIZE = 8192;
/** Events one payload operation reads at most, when events wait. */
const MAX_BATCH = 50;
/** Payload operations one group keeps in flight. */
const MAX_IN_FLIGHT = 2;

/**
 * The subscriptions that get the same result for an event (same identity, document and
 * variables): the group filters each new entry once and resolves its payload once for all.
 */
export class SubscriptionGroup {
  readonly plan: SubscriptionPlan;
  readonly #executor: PayloadExecutor;
  readonly #log: Logger;
  readonly #live = new Set<LiveMember>();
  readonly #memo = new Map<number, PendingResult | null>();
  #users = 0;
  #detach: (() => void) | null = null;
  readonly #onEmpty: () => void;

  constructor(options: {
    plan: SubscriptionPlan;
    hub: EventHub;
    executor: PayloadExecutor;
    /** Bounds the payloads being resolved at once, across groups. */
    limit: ConcurrencyLimit;
    log: Logger;
    onEmpty: () => void;
  }) {
    this.plan = options.plan;
    this.#executor = payloadBatcher({
      executor: options.executor,
      limit: options.limit,
      maxBatch: MAX_BATCH,
      maxInFlight: MAX_IN_FLIGHT,
    });
    this.#log = options.log;
    this.#onEmpty = options.onEmpty;
    this.#detach = options.hub.attach((entry) => this.#onEntry(entry));
  }

  /** Counts a subscription that uses the group (live or replaying). */
  use(): void {
    this.#users += 1;
  }

  /** Uncounts it; the last one out detaches the group from the hub. */
  release(member: LiveMember): void {
    this.#live.delete(member);
    this.#users -= 1;
    if (this.#users > 0) return;
    this.#detach?.();
    this.#detach = null;
    this.#onEmpty();
  }

  /** `member` takes no more pushes (it reads the feed on its own for a while). */
  leaveLive(member: LiveMember): void {
    this.#live.delete(member);
  }

  /** From now on `member` gets every new entry that passes the filter. */
  goLive(member: LiveMember): void {
    this.#live.add(member);
  }

  /**
   * The result of one entry for this group, or null at once when the event does not concern it.
   * Filtering happens before anything is resolved; resolution happens once per entry.
   */
  resultFor(entry: FeedEntry): PendingResult | null {
    if (this.#memo.has(entry.position)) return this.#memo.get(entry.position) ?? null;
    const result = this.#decide(entry);
    this.#memo.set(entry.position, result);
    if (this.#memo.size > MEMO_SIZE) {
      const oldest = this.#memo.keys().next();
      if (!oldest.done) this.#memo.delete(oldest.value);
    }
    return result;
  }

  #decide(entry: FeedEntry): PendingResult | null {
    const { plan } = this;
    if (!plan.source.accepts(entry.event)) return null;
    const verdict = plan.filter(entry.event);
    if (verdict === false) return null;
    if (verdict === true) return this.#resolve(entry);
    return verdict.then(
      (passes) => (passes ? this.#resolve(entry) : null),
      (error: unknown) => this.#failed(entry, error),
    );
  }

  async #resolve(entry: FeedEntry): Promise<ExecutionResult> {
    try {
      return await resolveEventPayload(
        this.plan.shape,
        entry,
        encodeCursor(entry.epoch, entry.position),
        this.#executor,
      );
    } catch (error) {
      return this.#failed(entry, error);
    }
  }

  #failed(entry: FeedEntry, error: unknown): ExecutionResult {
    this.#log.error(
      { err: error, position: entry.position, eventId: entry.event.id },
      'subscription payload failed',
    );
    return {
      errors: [
        subscriptionError(
          `The event ${entry.event.id} could not be turned into a result.`,
          'INTERNAL_SERVER_ERROR',
          { cursor: encodeCursor(entry.epoch, entry.position) },
        ),
      ],
    };
  }

  #onEntry(entry: FeedEntry): void {
    if (this.#live.size === 0) return;
    const result = this.resultFor(entry);
    if (result === null) return;
    for (const member of this.#live) member.deliver(entry.position, result);
  }
}
