import type { Kysely } from 'kysely';
import type { RootDatabase } from '@plantgraph/platform';
import { erpDb } from '../../../subgraphs/erp/src/db/erp-db.ts';
import { genealogyDb } from '../../../subgraphs/genealogy/src/db/genealogy-db.ts';
import { mesDb } from '../../../subgraphs/mes/src/db/mes-db.ts';
import { qualityDb } from '../../../subgraphs/quality/src/db/quality-db.ts';
import { generateDemo } from './demo-dataset.ts';
import { isEmpty } from './migrate-all.ts';
import { seedPostings } from './seed-postings.ts';
import { seedReadModels } from './seed-read-models.ts';

/** Raised when the demo would be loaded on top of existing data. */
export class DatabaseNotEmptyError extends Error {
  override name = 'DatabaseNotEmptyError';
}

/** How many rows the demo wrote, per `schema.table`. */
export type SeedCounts = Readonly<Record<string, number>>;

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters for every table. */
const CHUNK = 1000;

async function insertAll<R>(
  counts: Record<string, number>,
  name: string,
  rows: readonly R[],
  insert: (chunk: R[]) => Promise<unknown>,
) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
  counts[name] = rows.length;
}

/**
 * Loads the demo plant into an empty, migrated database, in one transaction: every run writes
 * the same rows with the same ids. Throws `DatabaseNotEmptyError` when a plant, item or lot exists.
 */
export async function seedDemo(root: Kysely<RootDatabase>): Promise<SeedCounts> {
  const rows = generateDemo();
  const counts: Record<string, number> = {};
  await root.transaction().execute(async (trx) => {
    if (!(await isEmpty(trx)))
      throw new DatabaseNotEmptyError(
        'the database already holds data; the demo loads only into an empty one',
      );
    const erp = erpDb(trx);
    await insertAll(counts, 'erp.plant', rows.erp.plant, (c) =>
      erp.insertInto('plant').values(c).execute(),
    );
    await insertAll(counts, 'erp.supplier', rows.erp.supplier, (c) =>
      erp.insertInto('supplier').values(c).execute(),
    );
    await insertAll(counts, 'erp.item', rows.erp.item, (c) =>
      erp.insertInto('item').values(c).execute(),
    );
    await insertAll(counts, 'erp.item_revision', rows.erp.item_revision, (c) =>
      erp.insertInto('item_revision').values(c).execute(),
    );
    await insertAll(counts, 'erp.bom', rows.erp.bom, (c) =>
      erp.insertInto('bom').values(c).execute(),
    );
    await insertAll(counts, 'erp.bom_line', rows.erp.bom_line, (c) =>
      erp.insertInto('bom_line').values(c).execute(),
    );
    await insertAll(counts, 'erp.routing', rows.erp.routing, (c) =>
      erp.insertInto('routing').values(c).execute(),
    );
    await insertAll(counts, 'erp.routing_step', rows.erp.routing_step, (c) =>
      erp.insertInto('routing_step').values(c).execute(),
    );
    await insertAll(counts, 'erp.unit_conversion', rows.erp.unit_conversion, (c) =>
      erp.insertInto('unit_conversion').values(c).execute(),
    );
    await insertAll(counts, 'erp.production_order', rows.erp.production_order, (c) =>
      erp.insertInto('production_order').values(c).execute(),
    );
    await insertAll(counts, 'erp.batch', rows.erp.batch, (c) =>
      erp.insertInto('batch').values(c).execute(),
    );
    await insertAll(counts, 'erp.customer', rows.erp.customer, (c) =>
      erp.insertInto('customer').values(c).execute(),
    );
    await insertAll(counts, 'erp.shipment', rows.erp.shipment, (c) =>
      erp.insertInto('shipment').values(c).execute(),
    );
    await insertAll(counts, 'erp.shipment_line', rows.erp.shipment_line, (c) =>
      erp.insertInto('shipment_line').values(c).execute(),
    );

    const mes = mesDb(trx);
    await insertAll(counts, 'mes.execution', rows.mes.execution, (c) =>
      mes.insertInto('execution').values(c).execute(),
    );
    await insertAll(counts, 'mes.operation', rows.mes.operation, (c) =>
      mes.insertInto('operation').values(c).execute(),
    );
    await insertAll(counts, 'mes.lot_production', rows.mes.lot_production, (c) =>
      mes.insertInto('lot_production').values(c).execute(),
    );

    const quality = qualityDb(trx);
    await insertAll(counts, 'quality.inspection_plan', rows.quality.inspection_plan, (c) =>
      quality.insertInto('inspection_plan').values(c).execute(),
    );
    await insertAll(counts, 'quality.plan_characteristic', rows.quality.plan_characteristic, (c) =>
      quality.insertInto('plan_characteristic').values(c).execute(),
    );
    await insertAll(counts, 'quality.lot_quality', rows.quality.lot_quality, (c) =>
      quality.insertInto('lot_quality').values(c).execute(),
    );
    await insertAll(counts, 'quality.inspection', rows.quality.inspection, (c) =>
      quality.insertInto('inspection').values(c).execute(),
    );
    await insertAll(counts, 'quality.inspection_result', rows.quality.inspection_result, (c) =>
      quality.insertInto('inspection_result').values(c).execute(),
    );
    await insertAll(counts, 'quality.nonconformance', rows.quality.nonconformance, (c) =>
      quality.insertInto('nonconformance').values(c).execute(),
    );

    const genealogy = genealogyDb(trx);
    await insertAll(counts, 'genealogy.lot', rows.genealogy.lot, (c) =>
      genealogy.insertInto('lot').values(c).execute(),
    );
    await insertAll(counts, 'genealogy.lot_link', rows.genealogy.lot_link, (c) =>
      genealogy.insertInto('lot_link').values(c).execute(),
    );
    await seedPostings(trx, counts);
    await seedReadModels(trx, counts);
  });
  return counts;
}
