import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { EventEnvelope } from '@plantgraph/events';
import type { RootDatabase } from '@plantgraph/platform';
import { erpDb } from '../../../subgraphs/erp/src/db/erp-db.ts';
import type { ExecutionContext } from '../../../subgraphs/erp/src/domain/order-release.ts';
import { rowToOrder } from '../../../subgraphs/erp/src/domain/order.ts';
import { assembleExecutionContext } from '../../../subgraphs/erp/src/mutations/execution-context.ts';
import { mesDb } from '../../../subgraphs/mes/src/db/mes-db.ts';
import { orderReleasedHandler as mesOrderReleased } from '../../../subgraphs/mes/src/events/order-released.ts';
import { orderReleasedHandler as qualityOrderReleased } from '../../../subgraphs/quality/src/events/order-released.ts';
import { qualityDb } from '../../../subgraphs/quality/src/db/quality-db.ts';

/** Rows written by one statement. */
function written(result: { numAffectedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * What is left of each lot: its quantity less what its links into other lots consumed. Its item
 * and its quality status come along; ERP's unrestricted stock caps what is left of a released lot
 * (a shipped lot has none).
 */
const LOT_FACTS = sql`
  with consumed as (
    select parent_lot_id as lot_id, sum(quantity) as quantity
    from genealogy.lot_link group by parent_lot_id
  )
  select l.id, l.number, l.item_id, l.uom, q.status, coalesce(q.revision, 0) as version,
         q.changed_at,
         case when q.status = 'RELEASED'
              then least(greatest(l.quantity - coalesce(c.quantity, 0), 0), coalesce(b.stock_quantity, l.quantity))
              else greatest(l.quantity - coalesce(c.quantity, 0), 0) end as remaining
  from genealogy.lot l
  left join consumed c on c.lot_id = l.id
  left join quality.lot_quality q on q.lot_id = l.id
  left join erp.batch b on b.lot_id = l.id`;

/**
 * Fills the read models that the subgraphs' event consumers keep, for the demo data loaded in the
 * same transaction (the demo was never published as events): erp's inspection plans and lot
 * statuses, the MES's lots and the contexts of its open orders, quality's lot numbers and planned
 * inspections. Open orders (released, in progress, on hold) are released again through the MES's and quality's own
 * `order.released` consumers, with the operation ids the demo MES already uses.
 */
export async function seedReadModels(
  trx: Kysely<RootDatabase>,
  counts: Record<string, number>,
): Promise<void> {
  counts['erp.inspection_plan_view'] = written(
    await sql`
      insert into erp.inspection_plan_view
        (plan_id, number, item_id, item_revision_id, type, revision, status, effective_from, effective_to)
      select id, number, item_id, item_revision_id, type, revision, status, effective_from, effective_to
      from quality.inspection_plan`.execute(trx),
  );
  counts['erp.lot_view'] = written(
    await sql`
      insert into erp.lot_view
        (lot_id, lot_number, item_id, quality_status, status_version, status_changed_at, restricted_quantity)
      select id, number, item_id, status, version, changed_at,
             case when status is distinct from 'RELEASED' then remaining else 0 end
      from (${LOT_FACTS}) f`.execute(trx),
  );
  counts['mes.lot_stock'] = written(
    await sql`
      insert into mes.lot_stock
        (lot_id, lot_number, item_id, available_quantity, uom, quality_status, status_version)
      select id, number, item_id, remaining, uom, status, version
      from (${LOT_FACTS}) f`.execute(trx),
  );
  counts['quality.lot_ref'] = written(
    await sql`
      insert into quality.lot_ref (lot_id, lot_number, item_id, plant_id, order_id, last_produced_at)
      select id, number, item_id, plant_id, order_id,
             case when order_id is not null then created_at end
      from genealogy.lot`.execute(trx),
  );

  const erp = erpDb(trx);
  const open = await erp
    .selectFrom('production_order as o')
    .innerJoin(
      sql<{ order_id: string; status: string }>`mes.execution`.as('e'),
      'e.order_id',
      'o.id',
    )
    .selectAll('o')
    .where('e.status', '<>', 'COMPLETED')
    .where('o.status', 'in', ['RELEASED', 'IN_PROGRESS', 'ON_HOLD'])
    .orderBy('o.number')
    .execute();
  const mes = mesDb(trx);
  const quality = qualityDb(trx);
  for (const row of open) {
    const order = rowToOrder(row);
    if (order.releasedAt === null) throw new Error(`open order ${order.number} was never released`);
    const prepared = await assembleExecutionContext(erp, order, order.releasedAt);
    if (!prepared.ok || prepared.value.revision.id !== order.pinnedItemRevisionId) {
      const why = prepared.ok
        ? `it would pin ${prepared.value.revision.id}, not ${order.pinnedItemRevisionId ?? 'nothing'}`
        : prepared.errors.map((e) => e.message).join('; ');
      throw new Error(`the demo's open order ${order.number} does not release again: ${why}`);
    }
    const operations = await mes
      .selectFrom('operation')
      .select(['id', 'sequence'])
      .where('order_id', '=', order.id)
      .execute();
    const release = releaseEvent(
      withOperationIds(
        prepared.value.execution,
        new Map(operations.map((o) => [o.sequence, o.id])),
      ),
    );
    await mesOrderReleased.handle(mes, release);
    await qualityOrderReleased.handle(quality, release);
  }
  counts['mes.order_context'] = open.length;
  // Their status as ERP has it now (a held order among them), as `order.status.changed` left it.
  counts['mes.order_status'] = written(
    await sql`
      insert into mes.order_status (order_id, status, reason, version, changed_at)
      select o.id, o.status, o.status_reason, o.revision, o.updated_at
      from erp.production_order o join mes.order_context c on c.order_id = o.id
      on conflict (order_id) do update
        set status = excluded.status, reason = excluded.reason,
            version = excluded.version, changed_at = excluded.changed_at`.execute(trx),
  );
}

/** The context with the ids the MES already gave the order's operations. */
function withOperationIds(
  context: ExecutionContext,
  ids: ReadonlyMap<number, string>,
): ExecutionContext {
  const idOf = (sequence: number, fallback: string) => ids.get(sequence) ?? fallback;
  return {
    ...context,
    operations: context.operations.map((op) => ({ ...op, id: idOf(op.sequence, op.id) })),
    inspectionPoints: context.inspectionPoints.map((p) => ({
      ...p,
      operationId: idOf(p.sequence, p.operationId),
    })),
  };
}

/** An `order.released` envelope for a demo order, as erp would have published it. */
function releaseEvent(context: ExecutionContext): EventEnvelope {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'plantgraph/erp',
    type: 'order.released',
    subject: context.orderNumber,
    time: context.releasedAt,
    datacontenttype: 'application/json',
    data: context,
    correlationid: 'demo-seed',
    causationid: null,
    plant: context.plantId,
    aggregatetype: 'Order',
    aggregateid: context.orderId,
    aggregateversion: 1,
  };
}
