/** The system of record every quality entity mirrors. */
export const QMS_SYSTEM = 'QMS';

/** Where a record comes from in the QMS it mirrors. */
export interface SourceRef {
  readonly system: string;
  readonly nativeKey: string;
  readonly lastChangedAt: Date;
}

/** The QMS record a quality entity mirrors, keyed by its business number. */
export function qmsSourceRef(nativeKey: string, lastChangedAt: Date): SourceRef {
  return { system: QMS_SYSTEM, nativeKey, lastChangedAt };
}
