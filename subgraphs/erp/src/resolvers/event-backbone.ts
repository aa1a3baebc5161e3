import {
  consumedUnder,
  deadLetterSortKey,
  EVENT_BACKBONE_ID,
  failedUnder,
  findDeadLetters,
  isDeadLetterSortKey,
  publishedUnder,
  replayDeadLetter,
  replayDeadLetters,
  rowToDeadLetter,
  unpublishedCount,
  type ReplayContext,
} from '@plantgraph/events';
import { badUserInput, MAX_PAGE_SIZE, pageRequest, toConnection } from '@plantgraph/platform';
import type {
  CorrelationTrailResolvers,
  EventBackboneResolvers,
  MutationResolvers,
  QueryResolvers,
  SubgraphEventBackboneResolvers,
  SubgraphEventTrailResolvers,
} from '../__generated__/resolvers-types.ts';
import type { ErpContext } from '../context.ts';
import { handlers } from '../events/handlers.ts';

/** This subgraph's name in the operator API (its schema, and the `subgraph` of its dead letters). */
const SUBGRAPH = 'erp';

function replayContext(context: ErpContext): ReplayContext {
  return { db: context.db, subgraph: SUBGRAPH, handlers, log: context.log };
}

/** Every subgraph answers these two the same way: the gateway may ask any of them. */
export const EventBackboneQuery: Pick<QueryResolvers, 'eventBackbone' | 'correlationTrail'> = {
  eventBackbone: () => ({ id: EVENT_BACKBONE_ID }),
  correlationTrail: (_parent, { correlationId }) => ({ correlationId }),
};

export const EventBackboneMutation: Pick<
  MutationResolvers,
  'replayErpDeadLetter' | 'replayErpDeadLetters'
> = {
  replayErpDeadLetter: (_parent, { id }, context) => replayDeadLetter(replayContext(context), id),
  replayErpDeadLetters: async (_parent, { filter, limit }, context) => {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw badUserInput(`limit must be between 1 and ${MAX_PAGE_SIZE}; got ${limit}`, 'limit');
    }
    const results = await replayDeadLetters(replayContext(context), filter, limit);
    return {
      replayed: results.length,
      applied: results.filter((result) => result.outcome === 'APPLIED').length,
      failed: results.filter((result) => result.outcome === 'FAILED').length,
      results,
    };
  },
};

export const EventBackbone: EventBackboneResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  erp: () => ({ subgraph: SUBGRAPH }),
};

export const CorrelationTrail: CorrelationTrailResolvers = {
  __resolveReference: (reference) => ({ correlationId: reference.correlationId }),
  erp: (parent) => ({ subgraph: SUBGRAPH, correlationId: parent.correlationId }),
};

export const SubgraphEventBackbone: SubgraphEventBackboneResolvers = {
  unpublishedEvents: (_parent, _args, context) => unpublishedCount(context.db),
  deadLetters: async (parent, { filter, first, after }, context) => {
    const page = pageRequest(first, after);
    if (page.after !== null && !isDeadLetterSortKey(page.after)) {
      throw badUserInput('after is not a cursor this API returned', 'after');
    }
    const rows = await findDeadLetters(context.db, filter ?? {}, page);
    const connection = toConnection(
      rows.map((row) => rowToDeadLetter(row, parent.subgraph)),
      page,
      deadLetterSortKey,
    );
    return { nodes: [...connection.nodes], pageInfo: connection.pageInfo };
  },
};

export const SubgraphEventTrail: SubgraphEventTrailResolvers = {
  published: (parent, _args, context) => publishedUnder(context.db, parent.correlationId),
  consumed: (parent, _args, context) => consumedUnder(context.db, parent.correlationId),
  failed: (parent, _args, context) =>
    failedUnder(context.db, parent.correlationId, parent.subgraph),
};
