import type { Insertable, Selectable, Updateable } from 'kysely';

export interface PlantTable {
  id: string;
  code: string;
  name: string;
  timezone: string;
}

export type PlantRow = Selectable<PlantTable>;
export type NewPlantRow = Insertable<PlantTable>;
export type PlantUpdate = Updateable<PlantTable>;
