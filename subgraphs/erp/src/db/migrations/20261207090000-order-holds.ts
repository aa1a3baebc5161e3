import { sql, type Kysely } from 'kysely';

/**
 * Holds and closes made by people: the status an order returns to when its hold is lifted, and
 * the reason given for its last status change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('production_order')
    .addColumn('status_before_hold', 'text', (c) =>
      c.check(sql`status_before_hold in ('RELEASED','IN_PROGRESS','COMPLETED')`),
    )
    .addColumn('status_reason', 'text')
    .execute();
  // Orders held before this column existed return to IN_PROGRESS when production was posted
  // against them, else to RELEASED.
  const tables = db.withTables<{
    production_order: { id: string; status: string; status_before_hold: string | null };
    goods_movement: { id: string; order_id: string };
  }>();
  await tables
    .updateTable('production_order as o')
    .set((eb) => ({
      status_before_hold: eb
        .case()
        .when(
          eb.exists(
            eb.selectFrom('goods_movement as m').select('m.id').whereRef('m.order_id', '=', 'o.id'),
          ),
        )
        .then('IN_PROGRESS')
        .else('RELEASED')
        .end(),
    }))
    .where('o.status', '=', 'ON_HOLD')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('production_order')
    .dropColumn('status_before_hold')
    .dropColumn('status_reason')
    .execute();
}
