import type { Insertable, Selectable, Updateable } from 'kysely';

export interface RoutingTable {
  id: string;
  item_revision_id: string;
  revision: string;
  status: 'DRAFT' | 'RELEASED' | 'OBSOLETE';
}

export type RoutingRow = Selectable<RoutingTable>;
export type NewRoutingRow = Insertable<RoutingTable>;
export type RoutingUpdate = Updateable<RoutingTable>;
