import type { Connection } from '@plantgraph/platform';
import type { ItemRow } from '../db/tables/item.ts';

export type ItemTracking = ItemRow['tracking'];
export type ItemType = ItemRow['type'];

export interface Item {
  readonly id: string;
  readonly number: string;
  readonly description: string;
  readonly baseUom: string;
  readonly tracking: ItemTracking;
  readonly type: ItemType;
  readonly revision: number;
  readonly sourceKey: string;
  readonly updatedAt: Date;
}

export type ItemConnection = Connection<Item>;

export function rowToItem(row: ItemRow): Item {
  return {
    id: row.id,
    number: row.number,
    description: row.description,
    baseUom: row.base_uom,
    tracking: row.tracking,
    type: row.type,
    revision: row.revision,
    sourceKey: row.source_key,
    updatedAt: row.updated_at,
  };
}
