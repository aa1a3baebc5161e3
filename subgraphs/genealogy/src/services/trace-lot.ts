import type { GenealogyContext } from '../context.ts';
import { walkLots } from '../db/repositories/lot-walks.ts';
import { assembleTrace, type Trace, type TraceDirection } from '../domain/trace.ts';

/**
 * Traces one lot, named by id or by number, in `direction` with one recursive statement (which
 * also finds the lot), within the request's walk budget; null when no such lot exists. Primes
 * the request's lot loader with every lot reached, so fields that look a lot up by id find it
 * without another query.
 */
export async function traceLot(
  context: GenealogyContext,
  request: {
    readonly lot: { readonly id: string } | { readonly number: string };
    readonly direction: TraceDirection;
    readonly maxDepth: number;
    readonly asOf: Date | null;
  },
): Promise<Trace | null> {
  const rows = await context.budget.walk(context.limits.traceMaxLots, (maxLots) =>
    walkLots(context.db, {
      starts: [
        'id' in request.lot
          ? { key: 'trace', lotIds: [request.lot.id] }
          : { key: 'trace', lotNumbers: [request.lot.number] },
      ],
      direction: request.direction,
      maxDepth: request.maxDepth,
      maxLots,
      asOf: request.asOf,
      withEdges: true,
    }),
  );
  const trace = assembleTrace(rows, request);
  if (trace === null) return null;
  for (const node of trace.nodes) context.loaders.lot.prime(node.lot.id, node.lot);
  return trace;
}
