import { randomUUID } from 'node:crypto';
import type { EventBus } from './bus.ts';
import type { EventEnvelope } from './envelope.ts';
import {
  FeedPositionExpiredError,
  isExpired,
  type EventFeed,
  type FeedBounds,
  type FeedEntry,
} from './event-feed.ts';

/** Settings of the in-process feed. */
export interface MemoryEventFeedOptions {
  /** Events kept for readers that resume from a position: the embedded retention window. */
  readonly capacity: number;
}

/**
 * The feed of the embedded default: a bounded ring of the last `capacity` events published on
 * the in-process bus, fed by `recordingBus`. Nothing survives the process: a new process is a new
 * epoch.
 */
export class MemoryEventFeed implements EventFeed {
  readonly kind = 'memory';
  readonly #epoch = randomUUID();
  readonly #capacity: number;
  readonly #ring: (FeedEntry | undefined)[];
  /** Position of the newest entry; 0 before the first. */
  #last = 0;
  readonly #waiters = new Set<() => void>();
  #closed = false;

  constructor(options: MemoryEventFeedOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError('the feed capacity must be a positive integer');
    }
    this.#capacity = options.capacity;
    this.#ring = new Array<FeedEntry | undefined>(options.capacity);
  }

  /** Records one published event at the next position and wakes the readers. */
  append(event: EventEnvelope): FeedEntry {
    const entry: FeedEntry = { epoch: this.#epoch, position: this.#last + 1, event };
    this.#ring[entry.position % this.#capacity] = entry;
    this.#last = entry.position;
    for (const wake of [...this.#waiters]) wake();
    return entry;
  }

  async bounds(): Promise<FeedBounds> {
    return this.#bounds();
  }

  async *read(after: number, signal: AbortSignal): AsyncIterable<FeedEntry> {
    let position = after;
    while (!signal.aborted && !this.#closed) {
      const bounds = this.#bounds();
      if (isExpired(position, bounds)) throw new FeedPositionExpiredError(position, bounds.first);
      if (position < bounds.last) {
        const entry = this.#ring[(position + 1) % this.#capacity];
        if (entry === undefined) throw new Error(`the feed lost position ${position + 1}`);
        position = entry.position;
        yield entry;
        continue;
      }
      await this.#changed(signal);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const wake of [...this.#waiters]) wake();
  }

  #bounds(): FeedBounds {
    return {
      epoch: this.#epoch,
      first: Math.max(1, this.#last - this.#capacity + 1),
      last: this.#last,
    };
  }

  /** Resolves at the next append, abort or close. */
  #changed(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        this.#waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.#waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}

/**
 * The in-process bus with every event it accepts (duplicates aside) also appended to `feed`; the
 * bus itself is unchanged, so its consumers see exactly what they saw before.
 */
export function recordingBus(bus: EventBus, feed: MemoryEventFeed): EventBus {
  return {
    kind: bus.kind,
    async publish(event) {
      const result = await bus.publish(event);
      if (!result.duplicate) feed.append(event);
      return result;
    },
    consume: (consumer, types, options, deliver) => bus.consume(consumer, types, options, deliver),
    close: () => bus.close(),
  };
}
