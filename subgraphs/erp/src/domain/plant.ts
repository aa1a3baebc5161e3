import type { PlantRow } from '../db/tables/plant.ts';

export interface Plant {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly timezone: string;
}

export function rowToPlant(row: PlantRow): Plant {
  return { id: row.id, code: row.code, name: row.name, timezone: row.timezone };
}
