/** One broken rule of a mutation: a stable code, the input field at fault, a message for people. */
export interface MutationError<C extends string = string> {
  readonly code: C;
  /** Path of the input field at fault, relative to the mutation's `input`, e.g. `results[1].measured`. */
  readonly field: string;
  readonly message: string;
}

/** What a validated transaction answers: its result, or every rule it broke (and nothing written). */
export type MutationOutcome<T, C extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly MutationError<C>[] };

/** The outcome of a transaction that applied. */
export function accepted<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** The outcome of a transaction that broke the given rules. */
export function rejected<C extends string>(
  errors: readonly MutationError<C>[],
): { readonly ok: false; readonly errors: readonly MutationError<C>[] } {
  return { ok: false, errors };
}

/** One broken rule. */
export function ruleBroken<C extends string>(
  code: C,
  field: string,
  message: string,
): MutationError<C> {
  return { code, field, message };
}

/** Every change names who made it: a blank actor is refused. */
export function checkActor(actor: string): MutationError<'ACTOR_REQUIRED'>[] {
  return actor.trim() === ''
    ? [ruleBroken('ACTOR_REQUIRED', 'actor', 'name who makes the change (a user or a system)')]
    : [];
}
