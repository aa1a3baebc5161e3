import type { TimeCursor } from '../../domain/time-cursor.ts';
import type { QualityDb } from '../quality-db.ts';
import type { InspectionRow } from '../tables/inspection.ts';
import { olderThan, utcMicros } from './time-order.ts';

export function findInspectionsByIds(
  db: QualityDb,
  ids: readonly string[],
): Promise<InspectionRow[]> {
  return db.selectFrom('inspection').selectAll().where('id', 'in', ids).execute();
}

export function findInspectionsByNumbers(
  db: QualityDb,
  numbers: readonly string[],
): Promise<InspectionRow[]> {
  return db.selectFrom('inspection').selectAll().where('number', 'in', numbers).execute();
}

/** Every inspection of the given lots, oldest first. */
export function findInspectionsOfLots(
  db: QualityDb,
  lotIds: readonly string[],
): Promise<InspectionRow[]> {
  return db
    .selectFrom('inspection')
    .selectAll()
    .where('lot_id', 'in', lotIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every inspection of the given production orders, oldest first. */
export function findInspectionsOfOrders(
  db: QualityDb,
  orderIds: readonly string[],
): Promise<InspectionRow[]> {
  return db
    .selectFrom('inspection')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export interface InspectionFilter {
  readonly status: InspectionRow['status'] | null;
  readonly type: InspectionRow['type'] | null;
}

/** An inspection with its creation time at full precision, for the page cursor. */
export type ListedInspectionRow = InspectionRow & { readonly sort_at: string };

/** Inspections newest first (created_at desc, id desc), after `after`, at most `limit` rows. */
export function listInspections(
  db: QualityDb,
  filter: InspectionFilter,
  after: TimeCursor | null,
  limit: number,
): Promise<ListedInspectionRow[]> {
  let query = db
    .selectFrom('inspection')
    .selectAll()
    .select(utcMicros('created_at').as('sort_at'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (after !== null) query = query.where(olderThan('created_at', after));
  return query.execute();
}
