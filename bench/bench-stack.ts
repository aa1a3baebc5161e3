import type { EventConfig } from '@plantgraph/events';
import type { DatabaseHandle } from '@plantgraph/platform';
import { readStackConfig, startStack, type RunningStack } from '@plantgraph/stack';

/**
 * The product in this process over `database`, as the environment configures it, on free ports
 * and logging only errors; `events` replaces the configured event backbone (a bench's own stream).
 */
export function startBenchStack(
  database: DatabaseHandle,
  events?: EventConfig,
): Promise<RunningStack> {
  return startStack({
    ...readStackConfig([], {
      ...process.env,
      GATEWAY_PORT: '0',
      ERP_PORT: '0',
      MES_PORT: '0',
      QUALITY_PORT: '0',
      GENEALOGY_PORT: '0',
      LOG_LEVEL: 'error',
    }),
    database,
    ...(events ? { events } : {}),
  });
}
