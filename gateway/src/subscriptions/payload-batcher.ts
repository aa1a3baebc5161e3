import type { EventEnvelope } from '@plantgraph/events';
import type { FormattedExecutionResult } from 'graphql';
import type { ConcurrencyLimit } from './concurrency-limit.ts';
import type { PayloadExecutor } from './event-payload.ts';
import { batchedPayloadQuery, batchedVariables, splitBatchResult } from './payload-batch.ts';
import type { PayloadQuery } from './payload-query.ts';

export interface PayloadBatcherOptions {
  /** Runs one payload operation through the gateway's executor. */
  readonly executor: PayloadExecutor;
  /** Bounds the operations in flight across the gateway. */
  readonly limit: ConcurrencyLimit;
  /** Events one operation reads at most. */
  readonly maxBatch: number;
  /** Operations one group keeps in flight at once. */
  readonly maxInFlight: number;
}

interface Waiting {
  readonly query: PayloadQuery;
  readonly variables: Record<string, unknown>;
  readonly event: EventEnvelope;
  readonly resolve: (result: FormattedExecutionResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A payload executor for one subscription group that reads events one operation each while the
 * subgraphs keep up, and several per operation once events wait: the batch is whatever queued
 * while the previous operations ran, so it adds no delay when there is no backlog.
 */
export function payloadBatcher(options: PayloadBatcherOptions): PayloadExecutor {
  const queue: Waiting[] = [];
  let inFlight = 0;

  const run = async (batch: readonly Waiting[]): Promise<void> => {
    const [first] = batch;
    if (first === undefined) return;
    try {
      const query = batchedPayloadQuery(first.query, batch.length);
      const variables = batchedVariables(batch.map((waiting) => waiting.variables));
      // One operation carries the correlation id of its first event.
      const result = await options.limit(() => options.executor(query, variables, first.event));
      splitBatchResult(result, batch.length).forEach((eventResult, index) =>
        batch[index]?.resolve(eventResult),
      );
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  };

  const pump = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const [head] = queue;
      // A batch holds events of one query: a group's events all share it.
      const batch: Waiting[] = [];
      while (batch.length < options.maxBatch && queue[0]?.query === head?.query) {
        const next = queue.shift();
        if (next) batch.push(next);
      }
      inFlight += 1;
      void run(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return (query, variables, event) =>
    new Promise<FormattedExecutionResult>((resolve, reject) => {
      queue.push({ query, variables, event, resolve, reject });
      pump();
    });
}
