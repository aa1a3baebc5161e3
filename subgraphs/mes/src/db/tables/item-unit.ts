import type { ColumnType, Insertable, Selectable } from 'kysely';

/** An item's base unit and conversions (read model). */
export interface ItemUnitTable {
  item_id: string;
  base_uom: string;
  conversions: ColumnType<unknown, string, string>;
}

export type ItemUnitRow = Selectable<ItemUnitTable>;
export type NewItemUnitRow = Insertable<ItemUnitTable>;
