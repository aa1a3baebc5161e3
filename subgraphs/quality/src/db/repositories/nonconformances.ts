import type { TimeCursor } from '../../domain/time-cursor.ts';
import type { QualityDb } from '../quality-db.ts';
import type { NonconformanceRow } from '../tables/nonconformance.ts';
import { olderThan, utcMicros } from './time-order.ts';

export function findNonconformancesByIds(
  db: QualityDb,
  ids: readonly string[],
): Promise<NonconformanceRow[]> {
  return db.selectFrom('nonconformance').selectAll().where('id', 'in', ids).execute();
}

/** Every nonconformance of the given lots, oldest first. */
export function findNonconformancesOfLots(
  db: QualityDb,
  lotIds: readonly string[],
): Promise<NonconformanceRow[]> {
  return db
    .selectFrom('nonconformance')
    .selectAll()
    .where('lot_id', 'in', lotIds)
    .orderBy('raised_at')
    .orderBy('id')
    .execute();
}

/** Every nonconformance raised against the given production orders, oldest first. */
export function findNonconformancesOfOrders(
  db: QualityDb,
  orderIds: readonly string[],
): Promise<NonconformanceRow[]> {
  return db
    .selectFrom('nonconformance')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('raised_at')
    .orderBy('id')
    .execute();
}

/** Every nonconformance raised by the given inspections, oldest first. */
export function findNonconformancesOfInspections(
  db: QualityDb,
  inspectionIds: readonly string[],
): Promise<NonconformanceRow[]> {
  return db
    .selectFrom('nonconformance')
    .selectAll()
    .where('inspection_id', 'in', inspectionIds)
    .orderBy('raised_at')
    .orderBy('id')
    .execute();
}

export interface NonconformanceFilter {
  readonly status: NonconformanceRow['status'] | null;
  readonly severity: NonconformanceRow['severity'] | null;
}

/** A nonconformance with its raise time at full precision, for the page cursor. */
export type ListedNonconformanceRow = NonconformanceRow & { readonly sort_at: string };

/** Nonconformances newest first (raised_at desc, id desc), after `after`, at most `limit` rows. */
export function listNonconformances(
  db: QualityDb,
  filter: NonconformanceFilter,
  after: TimeCursor | null,
  limit: number,
): Promise<ListedNonconformanceRow[]> {
  let query = db
    .selectFrom('nonconformance')
    .selectAll()
    .select(utcMicros('raised_at').as('sort_at'))
    .orderBy('raised_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.severity) query = query.where('severity', '=', filter.severity);
  if (after !== null) query = query.where(olderThan('raised_at', after));
  return query.execute();
}
