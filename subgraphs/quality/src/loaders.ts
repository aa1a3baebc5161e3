import { loaderByKey, loaderOfMany } from '@plantgraph/platform';
import type { QualityDb } from './db/quality-db.ts';
import {
  findCharacteristicsOfPlans,
  findPlansByIds,
  findPlansOfItems,
} from './db/repositories/inspection-plans.ts';
import { findResultsOfInspections } from './db/repositories/inspection-results.ts';
import {
  findInspectionsByIds,
  findInspectionsByNumbers,
  findInspectionsOfLots,
  findInspectionsOfOrders,
} from './db/repositories/inspections.ts';
import { findLotQualityByLotIds } from './db/repositories/lot-quality.ts';
import {
  findNonconformancesByIds,
  findNonconformancesOfInspections,
  findNonconformancesOfLots,
  findNonconformancesOfOrders,
} from './db/repositories/nonconformances.ts';
import { rowToCharacteristic, rowToInspectionPlan } from './domain/inspection-plan.ts';
import { rowToInspection } from './domain/inspection.ts';
import { rowToLotQuality } from './domain/lot-quality.ts';
import { rowToNonconformance } from './domain/nonconformance.ts';

/** Per-request loaders: one query per batch for every lookup by key. */
export function createQualityLoaders(db: QualityDb) {
  return {
    lotQuality: loaderByKey(
      async (lotIds) => (await findLotQualityByLotIds(db, lotIds)).map(rowToLotQuality),
      (q) => q.lotId,
    ),
    inspection: loaderByKey(
      async (ids) => (await findInspectionsByIds(db, ids)).map(rowToInspection),
      (i) => i.id,
    ),
    inspectionByNumber: loaderByKey(
      async (numbers) => (await findInspectionsByNumbers(db, numbers)).map(rowToInspection),
      (i) => i.number,
    ),
    inspectionsOfLot: loaderOfMany(
      async (lotIds) => (await findInspectionsOfLots(db, lotIds)).map(rowToInspection),
      (i) => i.lotId ?? '',
    ),
    inspectionsOfOrder: loaderOfMany(
      async (orderIds) => (await findInspectionsOfOrders(db, orderIds)).map(rowToInspection),
      (i) => i.orderId ?? '',
    ),
    // Rows, not domain objects: a result naming an unknown characteristic fails only its own inspection.
    resultsOfInspection: loaderOfMany(
      async (inspectionIds) => findResultsOfInspections(db, inspectionIds),
      (r) => r.inspection_id,
    ),
    plan: loaderByKey(
      async (ids) => (await findPlansByIds(db, ids)).map(rowToInspectionPlan),
      (p) => p.id,
    ),
    plansOfItem: loaderOfMany(
      async (itemIds) => (await findPlansOfItems(db, itemIds)).map(rowToInspectionPlan),
      (p) => p.itemId,
    ),
    characteristicsOfPlan: loaderOfMany(
      async (planIds) => (await findCharacteristicsOfPlans(db, planIds)).map(rowToCharacteristic),
      (c) => c.planId,
    ),
    nonconformance: loaderByKey(
      async (ids) => (await findNonconformancesByIds(db, ids)).map(rowToNonconformance),
      (n) => n.id,
    ),
    nonconformancesOfLot: loaderOfMany(
      async (lotIds) => (await findNonconformancesOfLots(db, lotIds)).map(rowToNonconformance),
      (n) => n.lotId ?? '',
    ),
    nonconformancesOfOrder: loaderOfMany(
      async (orderIds) =>
        (await findNonconformancesOfOrders(db, orderIds)).map(rowToNonconformance),
      (n) => n.orderId ?? '',
    ),
    nonconformancesOfInspection: loaderOfMany(
      async (inspectionIds) =>
        (await findNonconformancesOfInspections(db, inspectionIds)).map(rowToNonconformance),
      (n) => n.inspectionId ?? '',
    ),
  };
}

export type QualityLoaders = ReturnType<typeof createQualityLoaders>;
