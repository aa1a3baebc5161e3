/**
 * The parents of the operator API's per-subgraph fields (GraphQL mappers): each subgraph resolves
 * its own field of `EventBackbone` and `CorrelationTrail` from these keys.
 */

/** The id of the one `EventBackbone` entity. */
export const EVENT_BACKBONE_ID = 'plantgraph';

/** GraphQL `EventBackbone`: the backbone, by its key. */
export interface EventBackboneRef {
  readonly id: string;
}

/** GraphQL `CorrelationTrail`: a correlation id, by its key. */
export interface CorrelationTrailRef {
  readonly correlationId: string;
}

/** GraphQL `SubgraphEventBackbone`: one subgraph's outbox and dead letters. */
export interface SubgraphBackboneRef {
  readonly subgraph: string;
}

/** GraphQL `SubgraphEventTrail`: one subgraph's part of a correlation trail. */
export interface SubgraphTrailRef {
  readonly subgraph: string;
  readonly correlationId: string;
}
