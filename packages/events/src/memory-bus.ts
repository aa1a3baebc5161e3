import type { Logger } from 'pino';
import { backoffDelay } from './config.ts';
import type {
  ConsumeOptions,
  ConsumerHandle,
  DeliveryCallback,
  EventBus,
  PublishResult,
} from './bus.ts';
import type { EventEnvelope } from './envelope.ts';

/** Settings of the in-process bus. */
export interface MemoryBusOptions {
  /** A second publish of the same event id within this window is dropped. */
  readonly dedupWindowMs: number;
  /** Events kept for consumers that start later (JetStream keeps them by age instead). */
  readonly retainedEvents?: number;
  readonly log: Logger;
}

interface Pending {
  readonly event: EventEnvelope;
  readonly attempt: number;
  readonly dueAt: number;
}

/** A durable consumer: it keeps its queue while no loop runs, as a JetStream durable does. */
interface ConsumerState {
  readonly types: Set<string>;
  ready: EventEnvelope[];
  /** Resolves once the events published before this process are queued (see `unsettled`). */
  loaded: Promise<void>;
  readonly retries: Pending[];
  readonly waiters: Set<() => void>;
}

function notify(state: ConsumerState): void {
  for (const wake of [...state.waiters]) wake();
}

function takeNext(state: ConsumerState, now: number): Pending | undefined {
  // Redeliveries that are due go first, as JetStream does; the rest wait for their back-off.
  const due = state.retries.findIndex((pending) => pending.dueAt <= now);
  if (due >= 0) return state.retries.splice(due, 1)[0];
  const event = state.ready.shift();
  return event === undefined ? undefined : { event, attempt: 1, dueAt: now };
}

function nextDueIn(state: ConsumerState, now: number): number | null {
  if (state.retries.length === 0) return null;
  return Math.max(0, Math.min(...state.retries.map((pending) => pending.dueAt)) - now);
}

/**
 * The bus of the embedded default: one process, the same semantics as JetStream for what the
 * backbone relies on (durable consumers that resume, redelivery with back-off, bounded
 * attempts, dedup of publishes by event id within a window). Nothing survives the process; the
 * outbox does, and the relay publishes again what was not marked as published.
 */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory';
  readonly #dedupWindowMs: number;
  readonly #retainedEvents: number;
  readonly #log: Logger;
  /** Event ids published within the dedup window, oldest first, with the time they arrived. */
  readonly #seen = new Map<string, number>();
  readonly #retained: EventEnvelope[] = [];
  readonly #consumers = new Map<string, ConsumerState>();
  readonly #running = new Set<ConsumerHandle>();

  constructor(options: MemoryBusOptions) {
    this.#dedupWindowMs = options.dedupWindowMs;
    this.#retainedEvents = options.retainedEvents ?? 10_000;
    this.#log = options.log;
  }

  async publish(event: EventEnvelope): Promise<PublishResult> {
    const now = Date.now();
    for (const [id, at] of this.#seen) {
      if (now - at < this.#dedupWindowMs) break;
      this.#seen.delete(id);
    }
    if (this.#seen.has(event.id)) return { duplicate: true };
    this.#seen.set(event.id, now);
    this.#retained.push(event);
    if (this.#retained.length > this.#retainedEvents) this.#retained.shift();
    for (const state of this.#consumers.values()) {
      if (!state.types.has(event.type)) continue;
      state.ready.push(event);
      notify(state);
    }
    return { duplicate: false };
  }

  async consume(
    consumer: string,
    types: readonly string[],
    options: ConsumeOptions,
    deliver: DeliveryCallback,
  ): Promise<ConsumerHandle> {
    const log = this.#log.child({ consumer });
    const state = this.#stateOf(consumer, types, options, log);
    let stopped = false;

    const loop = async (): Promise<void> => {
      await state.loaded;
      while (!stopped) {
        const now = Date.now();
        const next = takeNext(state, now);
        if (next === undefined) {
          await new Promise<void>((resolve) => {
            const wait = nextDueIn(state, now);
            const wake = () => {
              clearTimeout(timer);
              state.waiters.delete(wake);
              resolve();
            };
            const timer = wait === null ? undefined : setTimeout(wake, wait);
            state.waiters.add(wake);
          });
          continue;
        }
        try {
          await deliver({ event: next.event, attempt: next.attempt });
        } catch (error) {
          if (next.attempt < options.maxAttempts) {
            const delay = backoffDelay(options.backoffMs, next.attempt);
            state.retries.push({
              event: next.event,
              attempt: next.attempt + 1,
              dueAt: Date.now() + delay,
            });
          } else {
            log.error(
              { err: error, eventId: next.event.id, attempts: next.attempt },
              'event dropped after its last delivery',
            );
          }
        }
      }
    };

    const running = loop();
    const handle: ConsumerHandle = {
      stop: async () => {
        stopped = true;
        notify(state);
        await running;
        this.#running.delete(handle);
      },
    };
    this.#running.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#running].map((handle) => handle.stop()));
  }

  #stateOf(
    consumer: string,
    types: readonly string[],
    options: ConsumeOptions,
    log: Logger,
  ): ConsumerState {
    const existing = this.#consumers.get(consumer);
    if (existing) {
      for (const type of types) existing.types.add(type);
      return existing;
    }
    // A new durable starts from the oldest retained event, as a JetStream durable with deliver
    // policy `all` does; before those come the events published before this process that the
    // consumer never settled (nothing of the bus survived the process that published them).
    const state: ConsumerState = {
      types: new Set(types),
      ready: this.#retained.filter((event) => types.includes(event.type)),
      loaded: Promise.resolve(),
      retries: [],
      waiters: new Set(),
    };
    const unsettled = options.unsettled;
    if (unsettled !== undefined) {
      state.loaded = unsettled().then(
        (earlier) => {
          const queued = new Set(state.ready.map((event) => event.id));
          const missed = earlier.filter((event) => !queued.has(event.id));
          if (missed.length > 0)
            log.info({ events: missed.length }, 'unsettled events redelivered');
          state.ready = [...missed, ...state.ready];
        },
        (error: unknown) => log.error({ err: error }, 'unsettled events could not be read'),
      );
    }
    this.#consumers.set(consumer, state);
    return state;
  }
}

/** The in-process bus. */
export function createMemoryBus(options: MemoryBusOptions): MemoryEventBus {
  return new MemoryEventBus(options);
}
