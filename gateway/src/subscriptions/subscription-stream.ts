import { FeedPositionExpiredError, type EventFeed, type FeedEntry } from '@plantgraph/events';
import type { ExecutionResult } from 'graphql';
import { cursorExpired } from './cursor-check.ts';
import type { Slots } from './concurrency-limit.ts';
import type { EventHub } from './event-hub.ts';
import type { LiveMember, PendingResult, SubscriptionGroup } from './subscription-group.ts';

/** The bounded buffer a connection gives its subscriptions for results pushed to them. */
export interface ResultBuffer {
  /** Takes one slot; false when none is left. */
  reserve(): boolean;
  /** Gives slots back. */
  release(count: number): void;
}

export interface StreamOptions {
  readonly group: SubscriptionGroup;
  readonly hub: EventHub;
  readonly feed: EventFeed;
  readonly buffer: ResultBuffer;
  /** Bounds the readers of the feed open at once across the gateway. */
  readonly readers: Slots;
  /** Resume after this position (a cursor the gateway checked); null for new events only. */
  readonly after: number | null;
  /** Called once when the stream ends, whatever ends it. */
  readonly onEnd: () => void;
}

type Phase = 'catching-up' | 'live' | 'done';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Missed entries a catching-up subscription resolves ahead of its client. */
const LOOKAHEAD = 20;

/**
 * One subscription's results, in feed order, exactly once. It is either live (its group pushes
 * each new entry, and the results wait in the connection's bounded buffer until the client takes
 * them) or catching up (it pulls entries at the client's pace: from the hub's memory while that
 * reaches back far enough, else from a reader of the feed of its own), and goes live once it has
 * caught up. A resumed subscription starts by catching up from its cursor; a live one whose
 * buffer is full falls behind to catching up instead of piling up. Nobody else waits for it, and
 * nothing is lost or sent twice.
 */
export class SubscriptionStream
  implements AsyncGenerator<ExecutionResult, undefined, unknown>, LiveMember
{
  readonly #options: StreamOptions;
  #phase: Phase;
  #reader: AsyncIterator<FeedEntry> | null = null;
  #stopReader = new AbortController();
  /** The position of the newest entry handed out (or dropped by the filter) so far. */
  #handled: number;
  /** Pushed entries at or before this position were already handed out. */
  #skipUntil = 0;
  #queue: { position: number; result: PendingResult }[] = [];
  /** Missed entries being resolved ahead of the client, while catching up. */
  #ahead: { entry: FeedEntry; result: PendingResult | null }[] = [];
  #wake: (() => void) | null = null;
  /** Times the subscription fell behind (for logs and tests). */
  fellBehind = 0;

  constructor(options: StreamOptions) {
    this.#options = options;
    const { group, hub, after } = options;
    group.use();
    this.#handled = after ?? hub.lastPosition;
    if (after === null) {
      this.#goLive();
      this.#phase = 'live';
    } else {
      this.#phase = 'catching-up';
    }
  }

  deliver(position: number, result: PendingResult): void {
    if (this.#phase !== 'live' || position <= this.#skipUntil) return;
    if (!this.#options.buffer.reserve()) {
      this.#fallBehind();
      return;
    }
    this.#queue.push({ position, result });
    this.#wake?.();
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    for (;;) {
      switch (this.#phase) {
        case 'done':
          return DONE;
        case 'catching-up': {
          if (this.#ahead.length === 0) {
            if (this.#handled >= this.#options.hub.lastPosition) {
              // Caught up: from here the group pushes, synchronously with the hub, so no gap.
              this.#stopReading();
              this.#goLive();
              this.#phase = 'live';
              continue;
            }
            if (!(await this.#readAhead())) {
              // The feed closed under the reader (the gateway is stopping).
              this.end();
              return DONE;
            }
            continue;
          }
          const item = this.#ahead.shift();
          if (item === undefined) continue;
          this.#handled = item.entry.position;
          const value = await item.result;
          if (value) return this.#yield(value);
          continue;
        }
        case 'live': {
          const item = this.#queue.shift();
          if (item === undefined) {
            await new Promise<void>((resolve) => {
              this.#wake = resolve;
            });
            this.#wake = null;
            continue;
          }
          this.#options.buffer.release(1);
          this.#handled = item.position;
          const value = await item.result;
          if (value) return this.#yield(value);
          continue;
        }
      }
    }
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    this.end();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorReturnResult<undefined>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.end();
  }

  /** Ends the stream now: pending results are dropped and their buffer slots given back. */
  end(): void {
    if (this.#phase === 'done') return;
    this.#phase = 'done';
    this.#stopReading();
    this.#dropPending();
    this.#options.group.release(this);
    this.#wake?.();
    this.#options.onEnd();
  }

  #yield(value: ExecutionResult): IteratorResult<ExecutionResult, undefined> {
    return this.#phase === 'done' ? DONE : { done: false, value };
  }

  #goLive(): void {
    this.#skipUntil = this.#handled;
    this.#options.group.goLive(this);
  }

  /** The buffer is full: stop taking pushes and catch up at the client's pace. */
  #fallBehind(): void {
    this.fellBehind += 1;
    this.#options.group.leaveLive(this);
    this.#dropPending();
    this.#phase = 'catching-up';
    this.#wake?.();
  }

  #dropPending(): void {
    this.#options.buffer.release(this.#queue.length);
    this.#queue = [];
    this.#ahead = [];
  }

  /**
   * Takes the next missed entries (up to LOOKAHEAD) and starts resolving them together, so a
   * subscriber catching up gets them in few payload queries: from the hub's memory while it
   * reaches back far enough, else from a reader of the feed. False when the feed closed.
   */
  async #readAhead(): Promise<boolean> {
    const { hub, group } = this.#options;
    let position = this.#handled;
    for (let entry = hub.entryAfter(position); entry !== null; entry = hub.entryAfter(position)) {
      this.#stopReading();
      this.#ahead.push({ entry, result: group.resultFor(entry) });
      position = entry.position;
      if (this.#ahead.length >= LOOKAHEAD) return true;
    }
    if (this.#ahead.length > 0) return true;
    if (this.#reader === null) {
      const stop = new AbortController();
      this.#stopReader = stop;
      const release = await this.#options.readers.acquire();
      if (stop.signal.aborted) {
        release();
        return this.#phase === 'catching-up';
      }
      stop.signal.addEventListener('abort', release, { once: true });
      const entries = this.#options.feed.read(position, stop.signal);
      this.#reader = entries[Symbol.asyncIterator]();
    }
    // The feed holds entries up to the hub's newest: reading those does not wait.
    do {
      const entry = await this.#read(this.#reader);
      if (entry === null) return this.#phase === 'catching-up' && this.#ahead.length > 0;
      this.#ahead.push({ entry, result: group.resultFor(entry) });
      position = entry.position;
    } while (this.#ahead.length < LOOKAHEAD && position < hub.lastPosition);
    return true;
  }

  #stopReading(): void {
    this.#stopReader.abort();
    void this.#reader?.return?.().catch(() => undefined);
    this.#reader = null;
  }

  /** The next entry from the feed; null when the stream ended or the reader was stopped. */
  async #read(reader: AsyncIterator<FeedEntry>): Promise<FeedEntry | null> {
    try {
      const next = await reader.next();
      return next.done || this.#reader !== reader ? null : next.value;
    } catch (error) {
      if (this.#phase === 'done' || this.#reader !== reader) return null;
      this.end();
      if (error instanceof FeedPositionExpiredError) throw cursorExpired();
      throw error;
    }
  }
}
