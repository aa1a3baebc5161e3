/** An entity another subgraph owns, referred to by key only (its owner resolves the rest). */
export interface EntityRef {
  readonly id: string;
}
