import type { Insertable, Selectable, Updateable } from 'kysely';

export interface InspectionResultTable {
  inspection_id: string;
  characteristic_code: string;
  measured: string;
  verdict: 'PASS' | 'FAIL';
}

export type InspectionResultRow = Selectable<InspectionResultTable>;
export type NewInspectionResultRow = Insertable<InspectionResultTable>;
export type InspectionResultUpdate = Updateable<InspectionResultTable>;
