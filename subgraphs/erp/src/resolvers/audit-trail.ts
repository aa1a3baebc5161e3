import {
  auditEntriesOf,
  auditEntriesUnder,
  auditHistoryRef,
  auditTrailRef,
} from '@plantgraph/platform';
import type {
  AuditHistoryResolvers,
  AuditTrailResolvers,
  QueryResolvers,
  SubgraphAuditHistoryResolvers,
  SubgraphAuditTrailResolvers,
} from '../__generated__/resolvers-types.ts';

/** This subgraph's name in the audit trail (its schema, and the `subgraph` of its entries). */
const SUBGRAPH = 'erp';

/** Every subgraph with mutations answers these two the same way: the gateway may ask any of them. */
export const AuditQuery: Pick<QueryResolvers, 'auditTrail' | 'auditHistory'> = {
  auditTrail: (_parent, { correlationId }) => auditTrailRef(correlationId),
  auditHistory: (_parent, { aggregateType, aggregateId }) =>
    auditHistoryRef(aggregateType, aggregateId),
};

export const AuditTrail: AuditTrailResolvers = {
  __resolveReference: (reference) => ({ correlationId: reference.correlationId }),
  erp: (parent) => ({ subgraph: SUBGRAPH, correlationId: parent.correlationId }),
};

export const AuditHistory: AuditHistoryResolvers = {
  __resolveReference: (reference) => ({
    aggregateType: reference.aggregateType,
    aggregateId: reference.aggregateId,
  }),
  erp: (parent) => ({
    subgraph: SUBGRAPH,
    aggregateType: parent.aggregateType,
    aggregateId: parent.aggregateId,
  }),
};

export const SubgraphAuditTrail: SubgraphAuditTrailResolvers = {
  entries: (parent, args, { db }) => auditEntriesUnder(db, parent, args),
};

export const SubgraphAuditHistory: SubgraphAuditHistoryResolvers = {
  entries: (parent, args, { db }) => auditEntriesOf(db, parent, args),
};
