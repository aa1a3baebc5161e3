import { setTimeout as sleep } from 'node:timers/promises';
import { FeedPositionExpiredError, type EventFeed, type FeedEntry } from '@plantgraph/events';
import type { Logger } from '@plantgraph/platform';

/** Called with every new entry, in feed order, synchronously. */
export type EntryListener = (entry: FeedEntry) => void;

export interface EventHubOptions {
  readonly feed: EventFeed;
  /** Entries kept in memory for subscribers resuming from a recent cursor. */
  readonly recentEntries: number;
  readonly log: Logger;
}

/**
 * The gateway's one reader of the event feed: it follows the feed from the newest position at
 * start and hands every new entry to its listeners (the subscription groups). It keeps the last
 * entries in memory, so a subscriber resuming from a recent cursor, or catching up after it fell
 * behind, needs no reader of its own.
 */
export class EventHub {
  readonly #feed: EventFeed;
  readonly #log: Logger;
  readonly #capacity: number;
  readonly #recent: FeedEntry[] = [];
  /** Every entry with a position in (#floor, #last] is in #recent. */
  #floor = 0;
  #last = 0;
  #epoch = '';
  readonly #listeners = new Set<EntryListener>();
  readonly #stopping = new AbortController();
  #running: Promise<void> | null = null;
  #started: Promise<void>;
  #markStarted: () => void = () => undefined;

  constructor(options: EventHubOptions) {
    this.#feed = options.feed;
    this.#log = options.log;
    this.#capacity = options.recentEntries;
    this.#started = new Promise<void>((resolve) => {
      this.#markStarted = resolve;
    });
  }

  /** Starts following the feed in the background (retrying while it cannot be read). */
  start(): void {
    this.#running ??= this.#follow();
  }

  /** Resolves once the hub knows the feed's newest position, or rejects after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    await Promise.race([
      this.#started,
      sleep(timeoutMs, undefined, { ref: false }).then(() => {
        throw new Error('the event feed cannot be read');
      }),
    ]);
  }

  /** The position of the newest entry handed to listeners. */
  get lastPosition(): number {
    return this.#last;
  }

  /** The feed epoch the hub follows. */
  get epoch(): string {
    return this.#epoch;
  }

  /** Hands every entry after the current `lastPosition` to `listener`; returns its detach. */
  attach(listener: EntryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The entry right after `position` when the hub's memory still holds it; null when the memory
   * no longer reaches back that far, or holds nothing newer.
   */
  entryAfter(position: number): FeedEntry | null {
    if (position < this.#floor || position >= this.#last) return null;
    let low = 0;
    let high = this.#recent.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#recent[middle]?.position ?? 0) > position) high = middle;
      else low = middle + 1;
    }
    const entry = this.#recent[low];
    return entry !== undefined && entry.position > position ? entry : null;
  }

  async close(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }

  async #follow(): Promise<void> {
    const signal = this.#stopping.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const bounds = await this.#feed.bounds();
        if (bounds.epoch !== this.#epoch) {
          if (this.#epoch !== '') this.#log.warn('the event feed was reset; following it anew');
          this.#epoch = bounds.epoch;
          this.#recent.length = 0;
          this.#last = bounds.last;
          this.#floor = bounds.last;
        }
        this.#markStarted();
        failures = 0;
        for await (const entry of this.#feed.read(this.#last, signal)) {
          this.#dispatch(entry);
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof FeedPositionExpiredError) {
          // The hub fell behind the feed's retention: what it missed is gone for live subscribers.
          this.#log.error({ err: error }, 'the hub fell behind the event feed; skipping ahead');
          this.#recent.length = 0;
          this.#last = error.first - 1;
          this.#floor = this.#last;
          continue;
        }
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.#log.warn({ err: error, failures }, 'cannot read the event feed; retrying');
        }
        await sleep(Math.min(250 * failures, 5000), undefined, { signal }).catch(() => undefined);
      }
    }
  }

  #dispatch(entry: FeedEntry): void {
    if (entry.position <= this.#last) return;
    if (entry.epoch !== this.#epoch) {
      this.#epoch = entry.epoch;
      this.#recent.length = 0;
      this.#floor = entry.position - 1;
    }
    this.#recent.push(entry);
    if (this.#recent.length > this.#capacity) {
      const dropped = this.#recent.shift();
      if (dropped) this.#floor = dropped.position;
    }
    this.#last = entry.position;
    for (const listener of this.#listeners) {
      try {
        listener(entry);
      } catch (error) {
        this.#log.error({ err: error, position: entry.position }, 'subscription listener failed');
      }
    }
  }
}
