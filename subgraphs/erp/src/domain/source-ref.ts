/** The system of record every erp entity mirrors. */
export const ERP_SYSTEM = 'ERP';

/** Where a record comes from in the ERP it mirrors. */
export interface SourceRef {
  readonly system: string;
  readonly nativeKey: string;
  readonly lastChangedAt: Date;
}

export function erpSourceRef(nativeKey: string, lastChangedAt: Date): SourceRef {
  return { system: ERP_SYSTEM, nativeKey, lastChangedAt };
}
