/** An entity another subgraph owns (item, order, plant), known here only by its key. */
export interface EntityRef {
  readonly id: string;
}

/** The reference to the entity with `id`; the owning subgraph resolves the rest. */
export function entityRef(id: string): EntityRef {
  return { id };
}
