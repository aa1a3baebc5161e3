import { PLANTS } from './catalog.ts';

/** A customer of the demo plants, with the plants that ship to it. */
export interface CustomerDef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly plantIds: readonly string[];
}

/** Water utilities, industrial users and distributors buying the demo's pumps. */
export const CUSTOMERS: readonly CustomerDef[] = [
  {
    id: 'customer-eau-grand-lyon',
    code: 'EGL',
    name: 'Eau du Grand Lyon',
    country: 'FR',
    plantIds: [PLANTS.lyon.id],
  },
  {
    id: 'customer-stadtwerke-koeln',
    code: 'SWK',
    name: 'Stadtwerke Köln',
    country: 'DE',
    plantIds: [PLANTS.lyon.id],
  },
  {
    id: 'customer-aqua-iberica',
    code: 'AQI',
    name: 'Aqua Ibérica Distribución',
    country: 'ES',
    plantIds: [PLANTS.lyon.id],
  },
  {
    id: 'customer-agua-monterrey',
    code: 'ADM',
    name: 'Agua y Drenaje de Monterrey',
    country: 'MX',
    plantIds: [PLANTS.monterrey.id],
  },
  {
    id: 'customer-gulf-coast-water',
    code: 'GCW',
    name: 'Gulf Coast Water Authority',
    country: 'US',
    plantIds: [PLANTS.monterrey.id],
  },
  {
    id: 'customer-nordic-process',
    code: 'NPS',
    name: 'Nordic Process Solutions',
    country: 'SE',
    plantIds: [PLANTS.lyon.id, PLANTS.monterrey.id],
  },
];

/** The customers a plant ships to. */
export function customersOf(plantId: string): readonly CustomerDef[] {
  return CUSTOMERS.filter((customer) => customer.plantIds.includes(plantId));
}
