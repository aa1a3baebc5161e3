import type { QualityDb } from '../src/db/quality-db.ts';
import { at } from './quality-fixture.ts';

/** The inspections the suite seeds, with creation times at microsecond precision. */
export const SEEDED_INSPECTIONS = [
  { id: 'insp-1', number: 'INS-0001', createdAt: '2026-07-01T08:00:00.000000Z' },
  { id: 'insp-2', number: 'INS-0002', createdAt: '2026-07-02T08:00:00.000000Z' },
  { id: 'insp-3', number: 'INS-0003', createdAt: '2026-07-02T09:30:00.123456Z' },
  // Two in the same millisecond, two at the same instant: page boundaries must split them cleanly.
  { id: 'insp-p-a', number: 'INS-0101', createdAt: '2026-07-03T08:00:00.000100Z' },
  { id: 'insp-p-b', number: 'INS-0102', createdAt: '2026-07-03T08:00:00.000900Z' },
  { id: 'insp-p-c', number: 'INS-0103', createdAt: '2026-07-03T09:00:00.000000Z' },
  { id: 'insp-p-d', number: 'INS-0104', createdAt: '2026-07-03T09:00:00.000000Z' },
  { id: 'insp-p-e', number: 'INS-0105', createdAt: '2026-07-04T07:00:00.000000Z' },
  { id: 'insp-stray', number: 'INS-0009', createdAt: '2026-06-30T14:00:00.000000Z' },
] as const;

function createdAtOf(id: string) {
  const seeded = SEEDED_INSPECTIONS.find((inspection) => inspection.id === id);
  if (!seeded) throw new Error(`no seeded inspection ${id}`);
  return at(seeded.createdAt);
}

/**
 * A pump assembly (FG-100) with a final-inspection plan in three revisions (1 obsolete, 2 approved,
 * 3 draft) and an in-process plan; a steel sheet (RM-200) with a receiving plan; their lots,
 * inspections, results and nonconformances.
 */
export async function seedQuality(db: QualityDb): Promise<void> {
  await db
    .insertInto('inspection_plan')
    .values([
      {
        id: 'plan-fg-final-1',
        number: 'QP-FG-100-F',
        item_id: 'item-fg',
        item_revision_id: 'rev-fg-a',
        type: 'FINAL',
        revision: '1',
        status: 'OBSOLETE',
        effective_from: new Date('2026-01-01T00:00:00Z'),
        effective_to: new Date('2026-06-01T00:00:00Z'),
      },
      {
        id: 'plan-fg-final-2',
        number: 'QP-FG-100-F',
        item_id: 'item-fg',
        item_revision_id: 'rev-fg-b',
        type: 'FINAL',
        revision: '2',
        status: 'APPROVED',
        effective_from: new Date('2026-06-01T00:00:00Z'),
        effective_to: null,
      },
      {
        id: 'plan-fg-final-3',
        number: 'QP-FG-100-F',
        item_id: 'item-fg',
        item_revision_id: 'rev-fg-b',
        type: 'FINAL',
        revision: '3',
        status: 'DRAFT',
        effective_from: new Date('2026-09-01T00:00:00Z'),
        effective_to: null,
      },
      {
        id: 'plan-fg-ip-1',
        number: 'QP-FG-100-P',
        item_id: 'item-fg',
        item_revision_id: 'rev-fg-a',
        type: 'IN_PROCESS',
        revision: '1',
        status: 'APPROVED',
        effective_from: new Date('2026-01-01T00:00:00Z'),
        effective_to: null,
      },
      {
        id: 'plan-raw-rcv-1',
        number: 'QP-RM-200-R',
        item_id: 'item-raw',
        item_revision_id: 'rev-raw-a',
        type: 'RECEIVING',
        revision: '1',
        status: 'APPROVED',
        effective_from: new Date('2026-01-01T00:00:00Z'),
        effective_to: null,
      },
    ])
    .execute();
  await db
    .insertInto('plan_characteristic')
    .values([
      {
        plan_id: 'plan-fg-final-1',
        code: 'DIA',
        position: 1,
        name: 'Bore diameter',
        uom: 'MM',
        lower_limit: '24.900',
        upper_limit: '25.100',
        target: '25.000',
      },
      {
        plan_id: 'plan-fg-final-1',
        code: 'LEAK',
        position: 2,
        name: 'Leak rate',
        uom: 'MBAR_L_S',
        lower_limit: null,
        upper_limit: '0.020',
        target: null,
      },
      // Revision 2 tightened the bore and the leak limit and added the bolt torque.
      {
        plan_id: 'plan-fg-final-2',
        code: 'TORQ',
        position: 3,
        name: 'Flange bolt torque',
        uom: 'NM',
        lower_limit: '38',
        upper_limit: '42',
        target: '40',
      },
      {
        plan_id: 'plan-fg-final-2',
        code: 'DIA',
        position: 1,
        name: 'Bore diameter',
        uom: 'MM',
        lower_limit: '24.950',
        upper_limit: '25.050',
        target: '25.000',
      },
      {
        plan_id: 'plan-fg-final-2',
        code: 'LEAK',
        position: 2,
        name: 'Leak rate',
        uom: 'MBAR_L_S',
        lower_limit: null,
        upper_limit: '0.010',
        target: null,
      },
      {
        plan_id: 'plan-raw-rcv-1',
        code: 'THK',
        position: 1,
        name: 'Sheet thickness',
        uom: 'MM',
        lower_limit: '1.95',
        upper_limit: '2.05',
        target: '2.00',
      },
      {
        plan_id: 'plan-raw-rcv-1',
        code: 'HRD',
        position: 2,
        name: 'Brinell hardness',
        uom: 'HB',
        lower_limit: '120',
        upper_limit: '160',
        target: null,
      },
    ])
    .execute();
  await db
    .insertInto('lot_quality')
    .values([
      {
        lot_id: 'lot-fg-1',
        status: 'QUARANTINE',
        reason: 'Final inspection INS-0003 failed',
        changed_at: new Date('2026-07-02T10:15:00Z'),
      },
      {
        lot_id: 'lot-raw-1',
        status: 'RELEASED',
        reason: null,
        changed_at: new Date('2026-07-01T09:05:00Z'),
      },
    ])
    .execute();
  const common = { inspected_at: null, inspector: null, order_id: null, operation_id: null };
  await db
    .insertInto('inspection')
    .values([
      {
        ...common,
        id: 'insp-1',
        number: 'INS-0001',
        lot_id: 'lot-raw-1',
        type: 'RECEIVING',
        status: 'PASSED',
        plan_id: 'plan-raw-rcv-1',
        inspected_at: new Date('2026-07-01T09:00:00Z'),
        inspector: 'm.kovacs',
        created_at: createdAtOf('insp-1'),
      },
      {
        ...common,
        id: 'insp-2',
        number: 'INS-0002',
        lot_id: 'lot-fg-1',
        order_id: 'ord-1',
        operation_id: 'op-1-20',
        type: 'IN_PROCESS',
        status: 'PASSED',
        plan_id: 'plan-fg-ip-1',
        created_at: createdAtOf('insp-2'),
      },
      {
        ...common,
        id: 'insp-3',
        number: 'INS-0003',
        lot_id: 'lot-fg-1',
        order_id: 'ord-1',
        operation_id: 'op-1-30',
        type: 'FINAL',
        status: 'FAILED',
        plan_id: 'plan-fg-final-2',
        inspected_at: new Date('2026-07-02T10:00:00Z'),
        inspector: 'a.nguyen',
        created_at: createdAtOf('insp-3'),
        revision: 3,
        updated_at: new Date('2026-07-02T10:01:00Z'),
      },
      {
        ...common,
        id: 'insp-p-a',
        number: 'INS-0101',
        lot_id: 'lot-raw-2',
        type: 'RECEIVING',
        status: 'PASSED',
        plan_id: 'plan-raw-rcv-1',
        created_at: createdAtOf('insp-p-a'),
      },
      {
        ...common,
        id: 'insp-p-b',
        number: 'INS-0102',
        lot_id: 'lot-raw-2',
        type: 'RECEIVING',
        status: 'PLANNED',
        plan_id: 'plan-raw-rcv-1',
        created_at: createdAtOf('insp-p-b'),
      },
      {
        ...common,
        id: 'insp-p-c',
        number: 'INS-0103',
        lot_id: 'lot-raw-2',
        type: 'RECEIVING',
        status: 'PLANNED',
        plan_id: 'plan-raw-rcv-1',
        created_at: createdAtOf('insp-p-c'),
      },
      {
        ...common,
        id: 'insp-p-d',
        number: 'INS-0104',
        lot_id: 'lot-raw-2',
        type: 'RECEIVING',
        status: 'IN_PROGRESS',
        plan_id: 'plan-raw-rcv-1',
        created_at: createdAtOf('insp-p-d'),
      },
      {
        ...common,
        id: 'insp-p-e',
        number: 'INS-0105',
        lot_id: 'lot-raw-2',
        type: 'RECEIVING',
        status: 'PLANNED',
        plan_id: 'plan-raw-rcv-1',
        created_at: createdAtOf('insp-p-e'),
      },
      {
        ...common,
        id: 'insp-stray',
        number: 'INS-0009',
        lot_id: 'lot-raw-3',
        type: 'RECEIVING',
        status: 'PASSED',
        plan_id: 'plan-raw-rcv-1',
        created_at: createdAtOf('insp-stray'),
      },
    ])
    .execute();
  await db
    .insertInto('inspection_result')
    .values([
      // Written out of position order: the API answers in the plan's order.
      { inspection_id: 'insp-3', characteristic_code: 'TORQ', measured: '40.5', verdict: 'PASS' },
      { inspection_id: 'insp-3', characteristic_code: 'LEAK', measured: '0.014', verdict: 'FAIL' },
      { inspection_id: 'insp-3', characteristic_code: 'DIA', measured: '25.012', verdict: 'PASS' },
      { inspection_id: 'insp-1', characteristic_code: 'HRD', measured: '141', verdict: 'PASS' },
      { inspection_id: 'insp-1', characteristic_code: 'THK', measured: '1.98', verdict: 'PASS' },
      {
        inspection_id: 'insp-stray',
        characteristic_code: 'THK',
        measured: '2.01',
        verdict: 'PASS',
      },
      // A code the inspection's plan does not define (a QMS import error).
      {
        inspection_id: 'insp-stray',
        characteristic_code: 'FLATNESS',
        measured: '0.3',
        verdict: 'PASS',
      },
    ])
    .execute();
  await db
    .insertInto('nonconformance')
    .values([
      {
        id: 'nc-1',
        number: 'NC-0001',
        lot_id: 'lot-fg-1',
        inspection_id: 'insp-3',
        severity: 'MAJOR',
        status: 'OPEN',
        description: 'Leak rate 0.014 mbar·l/s above the 0.010 limit',
        disposition: null,
        raised_at: new Date('2026-07-02T10:05:00Z'),
        updated_at: new Date('2026-07-02T10:05:30Z'),
      },
      {
        id: 'nc-2',
        number: 'NC-0002',
        lot_id: 'lot-raw-1',
        inspection_id: null,
        severity: 'MINOR',
        status: 'CLOSED',
        description: 'Scratched coil edge',
        disposition: 'USE_AS_IS',
        raised_at: new Date('2026-07-01T12:00:00Z'),
        revision: 2,
        updated_at: new Date('2026-07-01T15:00:00Z'),
      },
      {
        id: 'nc-3',
        number: 'NC-0003',
        lot_id: 'lot-fg-1',
        inspection_id: null,
        severity: 'CRITICAL',
        status: 'DISPOSITIONED',
        description: 'Housing crack found at packing',
        disposition: 'SCRAP',
        raised_at: new Date('2026-07-03T16:20:00Z'),
        updated_at: new Date('2026-07-03T17:00:00Z'),
      },
    ])
    .execute();
}
