import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenDatabaseOptions } from '@plantgraph/platform';
import { startStack, type RunningStack, type StackOptions } from '@plantgraph/stack';
import { openTestDatabase, type TestDatabase } from './database.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The whole product on free ports over a fresh test database with the demo data. */
export interface TestStack {
  readonly stack: RunningStack;
  readonly database: TestDatabase;
  readonly gatewayUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the stack on a fresh test database. `events` sets the event backbone (default: one
 * in-process bus, default settings).
 */
export async function startTestStack(
  options: OpenDatabaseOptions = {},
  events: Pick<StackOptions, 'events' | 'eventBus'> = {},
): Promise<TestStack> {
  const database = await openTestDatabase(options);
  const stack = await startStack({
    host: '127.0.0.1',
    ports: { gateway: 0, erp: 0, mes: 0, quality: 0, genealogy: 0 },
    database: database.handle,
    logLevel: 'silent',
    supergraphPath: path.join(REPO_ROOT, 'supergraph.graphql'),
    seedDemo: true,
    ...events,
  });
  return {
    stack,
    database,
    gatewayUrl: stack.gateway.url,
    close: async () => {
      await stack.close();
      await database.destroy();
    },
  };
}
