import type { Logger } from 'pino';
import type { EventBus } from './bus.ts';
import type { EventConfig } from './config.ts';
import { createMemoryBus } from './memory-bus.ts';
import { createNatsBus } from './nats-bus.ts';

/**
 * The bus the configuration names: NATS JetStream when `NATS_URL` is set, otherwise the
 * in-process bus (only the services of this process see its events).
 */
export function createEventBus(config: EventConfig, log: Logger, name?: string): EventBus {
  if (config.nats === null) return createMemoryBus({ dedupWindowMs: config.dedupWindowMs, log });
  return createNatsBus({
    nats: config.nats,
    dedupWindowMs: config.dedupWindowMs,
    log,
    ...(name === undefined ? {} : { name }),
  });
}
