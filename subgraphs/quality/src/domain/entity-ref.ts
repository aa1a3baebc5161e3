/**
 * An entity quality refers to by key only (a lot, item, order, item revision or operation): its
 * owner resolves the rest, and every field quality adds to it is loaded from the key alone, so a
 * `{ id }` returned from a field and one sent by the gateway resolve the same way.
 */
export interface EntityRef {
  readonly id: string;
}

/** The reference to an entity by its id, or null when there is none. */
export function refOf(id: string | null): EntityRef | null {
  return id === null ? null : { id };
}
