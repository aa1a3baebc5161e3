/** The system of record for lots and their links: this service itself. */
export const GENEALOGY_SYSTEM = 'GENEALOGY';

/** Where a record comes from in the system it mirrors. */
export interface SourceRef {
  readonly system: string;
  readonly nativeKey: string;
  readonly lastChangedAt: Date;
}

/** A genealogy record's source reference: its business number and last change. */
export function genealogySourceRef(nativeKey: string, lastChangedAt: Date): SourceRef {
  return { system: GENEALOGY_SYSTEM, nativeKey, lastChangedAt };
}
