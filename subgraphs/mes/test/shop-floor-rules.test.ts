import { checkCompletion, generatedLotNumber, initialLotStatus } from '../src/domain/completion.ts';
import { checkConsumption } from '../src/domain/consumption.ts';
import type { Execution } from '../src/domain/execution.ts';
import type { LotStock } from '../src/domain/lot-stock.ts';
import {
  applyOperationReport,
  checkOperationReport,
  type OperationReport,
} from '../src/domain/operation-report.ts';
import type { Operation } from '../src/domain/operation.ts';

const at = (iso: string) => new Date(iso);
const RELEASED_AT = at('2026-11-20T08:00:00Z');

function operation(
  sequence: number,
  status: Operation['status'],
  good = '0',
  startedAt: string | null = null,
): Operation {
  return {
    id: `op-${sequence}`,
    orderId: 'o',
    sequence,
    operationCode: `OP${sequence}`,
    description: '',
    workCenter: 'WC',
    status,
    plannedQuantity: { value: '10', uom: 'EA' },
    goodQuantity: { value: good, uom: 'EA' },
    scrapQuantity: { value: '0', uom: 'EA' },
    startedAt: startedAt === null ? null : at(startedAt),
    completedAt: null,
    requiresInspection: false,
    revision: 2,
    updatedAt: RELEASED_AT,
  };
}

const execution = (status: Execution['status'] = 'IN_PROGRESS', good = '0'): Execution => ({
  orderId: 'o',
  plantId: 'p',
  status,
  startedAt: null,
  completedAt: null,
  goodQuantity: { value: good, uom: 'EA' },
  scrapQuantity: { value: '0', uom: 'EA' },
  revision: 3,
  updatedAt: RELEASED_AT,
});

function report(
  kind: OperationReport['kind'],
  overrides: Partial<OperationReport> = {},
): OperationReport {
  return {
    kind,
    eventSequence: 5,
    occurredAt: at('2026-11-20T10:00:00Z'),
    goodQuantity: '0',
    scrapQuantity: '0',
    expectedRevision: null,
    ...overrides,
  };
}

const codes = (errors: readonly { code: string }[]) => errors.map((e) => e.code);

describe('operation report rules', () => {
  const operations = [
    operation(10, 'COMPLETED', '10'),
    operation(20, 'IN_PROGRESS', '4', '2026-11-20T09:00:00Z'),
    operation(30, 'PENDING'),
  ];
  const facts = (op: Operation, last: number | null = 4) => ({
    operation: op,
    operations,
    execution: execution(),
    releasedAt: RELEASED_AT,
    lastEventSequence: last,
  });

  it('runs operations in routing sequence', () => {
    const op30 = operations[2];
    if (!op30) throw new Error('fixture');
    expect(codes(checkOperationReport(report('START'), facts(op30)))).toEqual([
      'OPERATION_OUT_OF_SEQUENCE',
    ]);
  });

  it('rejects an older event sequence as stale, and one below 1 as invalid', () => {
    const op20 = operations[1];
    if (!op20) throw new Error('fixture');
    expect(
      codes(checkOperationReport(report('PROGRESS', { eventSequence: 3 }), facts(op20))),
    ).toEqual(['STALE_SEQUENCE']);
    expect(
      codes(checkOperationReport(report('PROGRESS', { eventSequence: 0 }), facts(op20))),
    ).toEqual(['SEQUENCE_INVALID']);
  });

  it('names each broken rule of one report with its own code', () => {
    const op20 = operations[1];
    if (!op20) throw new Error('fixture');
    const broken = report('PROGRESS', {
      occurredAt: at('2026-11-20T08:30:00Z'),
      goodQuantity: '-1',
      expectedRevision: 1,
    });
    expect(codes(checkOperationReport(broken, facts(op20)))).toEqual([
      'REVISION_CONFLICT',
      'TIMESTAMP_BEFORE_START',
      'QUANTITY_NEGATIVE',
    ]);
    expect(
      codes(checkOperationReport(report('COMPLETE', { goodQuantity: '6.5' }), facts(op20))),
    ).toEqual(['QUANTITY_OVER_PLANNED']);
    expect(
      codes(
        checkOperationReport(
          report('PROGRESS', { occurredAt: at('2026-11-20T07:00:00Z') }),
          facts(op20),
        ),
      ),
    ).toEqual(['TIMESTAMP_BEFORE_RELEASE']);
  });

  it('adds quantities in decimal arithmetic and stamps start and completion', () => {
    const op20 = operations[1];
    if (!op20) throw new Error('fixture');
    expect(
      applyOperationReport(op20, report('COMPLETE', { goodQuantity: '0.1', scrapQuantity: '0.2' })),
    ).toEqual({
      status: 'COMPLETED',
      goodQuantity: '4.1',
      scrapQuantity: '0.2',
      startedAt: at('2026-11-20T09:00:00Z'),
      completedAt: at('2026-11-20T10:00:00Z'),
    });
  });
});

describe('consumption rules', () => {
  const lot = (status: LotStock['qualityStatus'], itemId = 'cable'): LotStock => ({
    lotId: 'l',
    lotNumber: 'L-1',
    itemId,
    available: { value: '5', uom: 'M' },
    qualityStatus: status,
    revision: 1,
  });
  const unit = {
    itemId: 'cable',
    baseUom: 'M',
    conversions: [{ fromUom: 'MM', toUom: 'M', factor: '0.001' }],
  };
  const facts = (l: LotStock) => ({
    execution: execution(),
    releasedAt: RELEASED_AT,
    lot: l,
    componentItemIds: new Set(['cable']),
    unit,
  });
  const when = at('2026-11-20T12:00:00Z');

  it('converts to the base unit with the item conversions, in decimal arithmetic', () => {
    expect(checkConsumption({ value: '4999.9', uom: 'MM' }, when, facts(lot('RELEASED')))).toEqual({
      errors: [],
      baseQuantity: { value: '4.9999', uom: 'M' },
    });
  });

  it('refuses a lot on hold, in quarantine or rejected, an item off the BOM, and more than the lot holds', () => {
    for (const status of ['ON_HOLD', 'QUARANTINE', 'REJECTED'] as const) {
      expect(
        codes(checkConsumption({ value: '1', uom: 'M' }, when, facts(lot(status))).errors),
      ).toEqual(['LOT_NOT_AVAILABLE']);
    }
    expect(
      codes(
        checkConsumption({ value: '1', uom: 'M' }, when, facts(lot('RELEASED', 'steel'))).errors,
      ),
    ).toEqual(['ITEM_NOT_ON_BOM']);
    expect(
      codes(checkConsumption({ value: '5001', uom: 'MM' }, when, facts(lot('RELEASED'))).errors),
    ).toEqual(['QUANTITY_EXCEEDS_LOT']);
    expect(
      codes(checkConsumption({ value: '1', uom: 'KG' }, when, facts(lot('RELEASED'))).errors),
    ).toEqual(['UNIT_NOT_CONVERTIBLE']);
    expect(
      codes(checkConsumption({ value: '-1', uom: 'M' }, when, facts(lot('RELEASED'))).errors),
    ).toEqual(['QUANTITY_NOT_POSITIVE']);
  });
});

describe('completion rules', () => {
  const facts = {
    orderId: 'o',
    itemId: 'pump',
    plannedQuantity: '10',
    releasedAt: RELEASED_AT,
    finalInspection: true,
    execution: execution('IN_PROGRESS', '8'),
    operations: [operation(10, 'COMPLETED'), operation(20, 'IN_PROGRESS')],
    namedLot: null,
  };
  const completion = (overrides: Record<string, unknown> = {}) => ({
    goodQuantity: '1',
    scrapQuantity: '0',
    final: false,
    completedAt: at('2026-11-21T00:00:00Z'),
    lotNumber: null,
    expectedRevision: null,
    ...overrides,
  });

  it('refuses output beyond the plan and a final completion with operations still open', () => {
    expect(
      codes(checkCompletion(completion({ goodQuantity: '2', scrapQuantity: '0.5' }), facts)),
    ).toEqual(['QUANTITY_OVER_PLANNED']);
    expect(codes(checkCompletion(completion({ final: true }), facts))).toEqual([
      'OPERATIONS_NOT_COMPLETED',
    ]);
  });

  it("extends only the order's own lot of its item while it is still in the status it started in", () => {
    const lot: LotStock = {
      lotId: 'l',
      lotNumber: 'L-1',
      itemId: 'pump',
      available: null,
      qualityStatus: 'QUARANTINE',
      revision: 1,
    };
    const named = (producedBy: string | null, qualityStatus: LotStock['qualityStatus']) => ({
      ...facts,
      namedLot: { lot: { ...lot, qualityStatus }, producedBy },
    });
    expect(checkCompletion(completion({ lotNumber: 'L-1' }), named('o', 'QUARANTINE'))).toEqual([]);
    expect(
      codes(checkCompletion(completion({ lotNumber: 'L-1' }), named('other', 'QUARANTINE'))),
    ).toEqual(['LOT_NUMBER_TAKEN']);
    expect(
      codes(checkCompletion(completion({ lotNumber: 'L-1' }), named('o', 'RELEASED'))),
    ).toEqual(['LOT_NOT_EXTENDABLE']);
  });

  it('starts lots in QUARANTINE only when a final inspection follows, and numbers them after the order', () => {
    expect([initialLotStatus(true), initialLotStatus(false)]).toEqual(['QUARANTINE', 'RELEASED']);
    expect(generatedLotNumber('PO-100230', 0)).toBe('PO-100230-L01');
    expect(generatedLotNumber('PO-100230', 11)).toBe('PO-100230-L12');
  });
});
