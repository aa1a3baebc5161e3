import type { Insertable, Selectable, Updateable } from 'kysely';

export interface UnitConversionTable {
  item_id: string;
  from_uom: string;
  to_uom: string;
  factor: string;
}

export type UnitConversionRow = Selectable<UnitConversionTable>;
export type NewUnitConversionRow = Insertable<UnitConversionTable>;
export type UnitConversionUpdate = Updateable<UnitConversionTable>;
