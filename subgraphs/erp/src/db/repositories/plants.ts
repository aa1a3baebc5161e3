import type { ErpDb } from '../erp-db.ts';
import type { PlantRow } from '../tables/plant.ts';

export function listPlants(db: ErpDb): Promise<PlantRow[]> {
  return db.selectFrom('plant').selectAll().orderBy('code').execute();
}

export function findPlantsByIds(db: ErpDb, ids: readonly string[]): Promise<PlantRow[]> {
  return db.selectFrom('plant').selectAll().where('id', 'in', ids).execute();
}
