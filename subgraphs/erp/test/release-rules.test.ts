import {
  componentAvailability,
  componentRequirements,
  type ComponentItem,
} from '../src/domain/component-requirements.ts';
import {
  planInspectionPoints,
  stepInspectionType,
  type PlanView,
} from '../src/domain/inspection-points.ts';
import type { ItemRevision } from '../src/domain/item-revision.ts';
import type { Item } from '../src/domain/item.ts';
import { checkOrderReleasable, releasedRevisionAt } from '../src/domain/order-release.ts';
import type { Order } from '../src/domain/order.ts';
import { receive, restock } from '../src/domain/quality-stock.ts';
import type { RoutingStep } from '../src/domain/routing.ts';

const at = (iso: string) => new Date(iso);

function item(id: string, baseUom: string, type: Item['type'] = 'RAW_MATERIAL'): Item {
  return {
    id,
    number: id.toUpperCase(),
    description: id,
    baseUom,
    tracking: 'LOT',
    type,
    revision: 1,
    sourceKey: id,
    updatedAt: at('2026-01-01T00:00:00Z'),
  };
}

function revision(
  label: string,
  status: ItemRevision['status'],
  from: string,
  to: string | null,
): ItemRevision {
  return {
    id: `rev-${label}`,
    itemId: 'fg',
    revision: label,
    changeNumber: `ECN-${label}`,
    status,
    effectiveFrom: at(from),
    effectiveTo: to === null ? null : at(to),
  };
}

function step(sequence: number, requiresInspection: boolean): RoutingStep {
  return {
    routingId: 'r',
    sequence,
    operationCode: `OP${sequence}`,
    description: '',
    workCenter: 'WC',
    standardMinutes: '1',
    requiresInspection,
  };
}

function plan(
  id: string,
  type: PlanView['type'],
  status: PlanView['status'],
  from: string,
): PlanView {
  return {
    id,
    number: `IP-${type}`,
    itemId: 'fg',
    itemRevisionId: 'rev-B',
    type,
    revision: id,
    status,
    effectiveFrom: at(from),
    effectiveTo: null,
  };
}

describe('release rules', () => {
  const fg = item('fg', 'EA', 'FINISHED_GOOD');

  it('picks the released revision in effect on the release date, ignoring drafts that overlap it', () => {
    const revisions = [
      revision('A', 'OBSOLETE', '2025-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
      revision('B', 'RELEASED', '2026-06-01T00:00:00Z', null),
      revision('C', 'DRAFT', '2026-12-07T00:00:00Z', null),
    ];
    expect(releasedRevisionAt(fg, revisions, at('2027-01-01T00:00:00Z'))).toMatchObject({
      revision: 'B',
    });
    expect(releasedRevisionAt(fg, revisions, at('2026-03-01T00:00:00Z'))).toMatchObject({
      code: 'ITEM_REVISION_NOT_RELEASED',
    });
    expect(releasedRevisionAt(fg, revisions, at('2024-03-01T00:00:00Z'))).toMatchObject({
      code: 'ITEM_REVISION_NOT_IN_EFFECT',
    });
  });

  it('releases only a CREATED order at the revision the caller saw, naming both faults', () => {
    const order: Order = {
      id: 'o',
      number: 'PO-1',
      plantId: 'p',
      itemId: 'fg',
      plannedQuantity: { value: '10', uom: 'EA' },
      status: 'RELEASED',
      dueDate: '2026-12-01',
      createdAt: at('2026-11-01T00:00:00Z'),
      releasedAt: null,
      pinnedItemRevisionId: null,
      pinnedBomId: null,
      pinnedRoutingId: null,
      statusReason: null,
      resumesTo: null,
      revision: 3,
      sourceKey: 'x',
      updatedAt: at('2026-11-01T00:00:00Z'),
    };
    expect(checkOrderReleasable(order, 2).map((e) => e.code)).toEqual([
      'REVISION_CONFLICT',
      'ORDER_NOT_CREATED',
    ]);
    expect(checkOrderReleasable({ ...order, status: 'CREATED' }, 3)).toEqual([]);
  });

  it("makes the last inspected step of a finished good's routing its final inspection", () => {
    const steps = [step(10, true), step(20, false), step(30, true)];
    expect(steps.map((s) => stepInspectionType(s, steps, 'FINISHED_GOOD'))).toEqual([
      'IN_PROCESS',
      null,
      'FINAL',
    ]);
    expect(steps.map((s) => stepInspectionType(s, steps, 'SUBASSEMBLY'))).toEqual([
      'IN_PROCESS',
      null,
      'IN_PROCESS',
    ]);
  });

  it('matches each inspected step with the approved plan of its type in effect, listing the steps without one', () => {
    const steps = [step(10, true), step(20, true)];
    const plans = [
      plan('ipq-draft', 'IN_PROCESS', 'DRAFT', '2026-01-01T00:00:00Z'),
      plan('fin-old', 'FINAL', 'APPROVED', '2026-01-01T00:00:00Z'),
      plan('fin-new', 'FINAL', 'APPROVED', '2026-08-17T00:00:00Z'),
    ];
    const { points, missing } = planInspectionPoints(
      steps,
      'FINISHED_GOOD',
      'rev-B',
      plans,
      at('2026-09-01T00:00:00Z'),
    );
    expect(points.map((p) => [p.sequence, p.type, p.planId])).toEqual([[20, 'FINAL', 'fin-new']]);
    expect(missing).toEqual([{ sequence: 10, operationCode: 'OP10', type: 'IN_PROCESS' }]);
  });

  it('converts BOM lines to base units in decimal arithmetic and scales them to the planned quantity', () => {
    const cable = item('cable', 'M');
    const screw = item('screw', 'EA');
    const components = new Map<string, ComponentItem>([
      ['cable', { item: cable, conversions: [{ fromUom: 'MM', toUom: 'M', factor: '0.001' }] }],
      ['screw', { item: screw, conversions: [] }],
    ]);
    const { requirements, unconvertible } = componentRequirements(
      [
        {
          bomId: 'b',
          lineNumber: 10,
          componentItemId: 'cable',
          quantity: { value: '2500', uom: 'MM' },
        },
        {
          bomId: 'b',
          lineNumber: 20,
          componentItemId: 'screw',
          quantity: { value: '0.1', uom: 'KG' },
        },
        {
          bomId: 'b',
          lineNumber: 30,
          componentItemId: 'screw',
          quantity: { value: '0.3', uom: 'EA' },
        },
      ],
      { value: '3', uom: 'EA' },
      { value: '0.3', uom: 'EA' },
      components,
    );
    expect(requirements.map((r) => [r.lineNumber, r.quantityPerBase, r.required])).toEqual([
      [10, { value: '2.5', uom: 'M' }, { value: '0.25', uom: 'M' }],
      [30, { value: '0.3', uom: 'EA' }, { value: '0.03', uom: 'EA' }],
    ]);
    expect(unconvertible).toEqual([
      { lineNumber: 20, itemNumber: 'SCREW', uom: 'KG', baseUom: 'EA' },
    ]);
  });

  it('reports availability per line, lines of one component drawing on the same stock', () => {
    const requirement = (lineNumber: number, value: string) => ({
      lineNumber,
      itemId: 'screw',
      itemNumber: 'SCREW',
      baseUom: 'EA',
      quantityPerBase: { value, uom: 'EA' },
      required: { value, uom: 'EA' },
      conversions: [{ fromUom: 'BOX', toUom: 'EA', factor: '100' }],
    });
    const availability = componentAvailability(
      [requirement(10, '150'), requirement(20, '100')],
      [
        { itemId: 'screw', quantity: { value: '1.5', uom: 'BOX' } },
        { itemId: 'screw', quantity: { value: '40', uom: 'EA' } },
      ],
    );
    expect(availability.map((a) => [a.available.value, a.shortfall.value])).toEqual([
      ['190', '0'],
      ['40', '60'],
    ]);
  });

  it('moves a lot between usable and blocked stock as its quality status changes', () => {
    expect(receive({ unrestricted: '5', restricted: '0' }, 'QUARANTINE', '3')).toEqual({
      unrestricted: '5',
      restricted: '3',
    });
    expect(receive({ unrestricted: '5', restricted: '0' }, 'RELEASED', '3')).toEqual({
      unrestricted: '8',
      restricted: '0',
    });
    expect(restock({ unrestricted: '0', restricted: '3' }, 'QUARANTINE', 'RELEASED')).toEqual({
      unrestricted: '3',
      restricted: '0',
    });
    expect(restock({ unrestricted: '7', restricted: '0' }, 'RELEASED', 'ON_HOLD')).toEqual({
      unrestricted: '0',
      restricted: '7',
    });
    expect(restock({ unrestricted: '0', restricted: '7' }, 'ON_HOLD', 'REJECTED')).toEqual({
      unrestricted: '0',
      restricted: '7',
    });
  });
});
