import { judgeResults, planForInspection, verdictOf } from '../src/domain/inspection-judgement.ts';
import type { Characteristic, InspectionPlan } from '../src/domain/inspection-plan.ts';
import { checkLotDisposition, statusAfter } from '../src/domain/lot-disposition.ts';
import { lotStatusAfterDecision } from '../src/domain/nonconformance-disposition.ts';

const at = (iso: string) => new Date(iso);
const characteristic = (
  code: string,
  lower: string | null,
  upper: string | null,
): Characteristic => ({
  planId: 'p',
  code,
  position: 1,
  name: code,
  uom: 'MM',
  lowerLimit: lower,
  upperLimit: upper,
  target: null,
});
const plan = (
  id: string,
  status: InspectionPlan['status'],
  from: string,
  to: string | null,
  itemRevisionId = 'rev-b',
): InspectionPlan => ({
  id,
  number: 'IP-1',
  itemId: 'i',
  itemRevisionId,
  type: 'FINAL',
  revision: id,
  status,
  effectiveFrom: at(from),
  effectiveTo: to === null ? null : at(to),
  recordRevision: 1,
  updatedAt: at(from),
});
const codes = (errors: readonly { code: string }[]) => errors.map((e) => e.code);

describe('inspection judgement', () => {
  it('judges a value on its limits as passing, outside them as failing, a missing limit as no bound', () => {
    const c = characteristic('D', '9.95', '10.05');
    expect(['9.95', '10.05', '9.9499', '10.0501'].map((v) => verdictOf(v, c))).toEqual([
      'PASS',
      'PASS',
      'FAIL',
      'FAIL',
    ]);
    expect(verdictOf('1000000', characteristic('N', null, null))).toBe('PASS');
  });

  it('needs one value per characteristic of the plan, naming the result at fault', () => {
    const plan = [characteristic('A', '0', '1'), characteristic('B', '0', '1')];
    const { errors } = judgeResults(plan, [
      { characteristicCode: 'A', measured: '0.5' },
      { characteristicCode: 'A', measured: '0.6' },
      { characteristicCode: 'Z', measured: '1' },
    ]);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['CHARACTERISTIC_DUPLICATE', 'results[1].characteristicCode'],
      ['CHARACTERISTIC_UNKNOWN', 'results[2].characteristicCode'],
      ['CHARACTERISTIC_MISSING', 'results'],
    ]);
  });

  it('judges against the revision of the plan in effect at the inspection date, for the same item revision', () => {
    const current = plan('2', 'OBSOLETE', '2026-06-01T00:00:00Z', '2026-08-17T00:00:00Z');
    const plans = [
      current,
      plan('3', 'APPROVED', '2026-08-17T00:00:00Z', null),
      plan('4', 'APPROVED', '2026-09-01T00:00:00Z', null, 'rev-c'),
      plan('5', 'DRAFT', '2026-10-01T00:00:00Z', null),
    ];
    expect(planForInspection(current, plans, at('2026-07-01T00:00:00Z'))).toMatchObject({
      id: '2',
    });
    expect(planForInspection(current, plans, at('2026-11-01T00:00:00Z'))).toMatchObject({
      id: '3',
    });
    expect(planForInspection(current, plans, at('2026-01-01T00:00:00Z'))).toMatchObject({
      code: 'PLAN_NOT_IN_EFFECT',
    });
  });
});

describe('dispositions', () => {
  const lot = (status: 'RELEASED' | 'ON_HOLD' | 'REJECTED' | 'QUARANTINE') => ({
    lotId: 'l',
    status,
    reason: null,
    changedAt: at('2026-11-01T00:00:00Z'),
    revision: 4,
  });
  const request = (
    disposition: 'RELEASE' | 'HOLD' | 'REJECT',
    expectedRevision: number | null = null,
  ) => ({
    disposition,
    reason: 'why',
    expectedRevision,
  });

  it('keeps rejection final, refuses a change to the same status and a release with an open nonconformance', () => {
    expect(codes(checkLotDisposition('L', lot('REJECTED'), request('RELEASE'), []))).toEqual([
      'LOT_REJECTED',
    ]);
    expect(codes(checkLotDisposition('L', lot('ON_HOLD'), request('HOLD'), []))).toEqual([
      'STATUS_UNCHANGED',
    ]);
    expect(
      codes(checkLotDisposition('L', lot('ON_HOLD'), request('RELEASE', 3), ['NC-1'])),
    ).toEqual(['REVISION_CONFLICT', 'NONCONFORMANCE_OPEN']);
    expect(checkLotDisposition('L', lot('QUARANTINE'), request('RELEASE', 4), [])).toEqual([]);
    expect([statusAfter('RELEASE'), statusAfter('HOLD'), statusAfter('REJECT')]).toEqual([
      'RELEASED',
      'ON_HOLD',
      'REJECTED',
    ]);
  });

  it('rejects the lot when its nonconformance is scrapped or returned, and leaves it otherwise', () => {
    expect(
      (['USE_AS_IS', 'REWORK', 'SCRAP', 'RETURN_TO_SUPPLIER'] as const).map(lotStatusAfterDecision),
    ).toEqual([null, null, 'REJECTED', 'REJECTED']);
  });
});
