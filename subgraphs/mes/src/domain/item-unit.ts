import { JsonReader, type UnitConversion } from '@plantgraph/platform';
import type { ItemUnitRow } from '../db/tables/item-unit.ts';

/** An item's base unit and conversions, as the MES received them. */
export interface ItemUnit {
  readonly itemId: string;
  readonly baseUom: string;
  readonly conversions: readonly UnitConversion[];
}

export function rowToItemUnit(row: ItemUnitRow): ItemUnit {
  return {
    itemId: row.item_id,
    baseUom: row.base_uom,
    conversions: new JsonReader({ conversions: row.conversions }).list('conversions').map((c) => ({
      fromUom: c.string('fromUom'),
      toUom: c.string('toUom'),
      factor: c.decimal('factor'),
    })),
  };
}
