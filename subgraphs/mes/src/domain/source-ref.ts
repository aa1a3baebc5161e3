/** The system of record every mes entity mirrors. */
export const MES_SYSTEM = 'MES';

/** Where a record comes from in the MES it mirrors. */
export interface SourceRef {
  readonly system: string;
  readonly nativeKey: string;
  readonly lastChangedAt: Date;
}

/** The reference to a record in the MES, keyed by its native key. */
export function mesSourceRef(nativeKey: string, lastChangedAt: Date): SourceRef {
  return { system: MES_SYSTEM, nativeKey, lastChangedAt };
}
