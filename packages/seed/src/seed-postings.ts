import { sql, type Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';

/**
 * ERP's postings of the demo's production history, as its consumers would have made them from
 * the MES's events: a goods issue per consumption linked into genealogy, a goods receipt per
 * produced lot, applied in the order they happened. Ids and source event ids are derived from
 * the genealogy rows, so every load writes the same rows.
 */
export async function seedPostings(
  trx: Kysely<RootDatabase>,
  counts: Record<string, number>,
): Promise<void> {
  const result = await sql`
    insert into erp.goods_movement
      (id, type, order_id, lot_id, item_id, quantity, uom, posted_at, source_event_id, correlation_id)
    select id, type, order_id, lot_id, item_id, quantity, uom, posted_at,
           md5(id)::uuid, 'demo-seed'
    from (
      select 'gi-demo-' || k.id as id, 'GOODS_ISSUE' as type, k.order_id, k.parent_lot_id as lot_id,
             p.item_id, k.quantity, k.uom, k.linked_at as posted_at
      from genealogy.lot_link k join genealogy.lot p on p.id = k.parent_lot_id
      where k.order_id is not null
      union all
      select 'gr-demo-' || l.id, 'GOODS_RECEIPT', l.order_id, l.id, l.item_id, l.quantity, l.uom,
             l.created_at
      from genealogy.lot l
      where l.origin = 'PRODUCED' and l.order_id is not null
    ) m
    order by posted_at, id`.execute(trx);
  counts['erp.goods_movement'] = Number(result.numAffectedRows ?? 0n);
}
