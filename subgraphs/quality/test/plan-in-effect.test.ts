import { planInEffect, type InspectionPlan } from '../src/domain/inspection-plan.ts';
import { parseTimeCursorKey, timeCursorKey } from '../src/domain/time-cursor.ts';

function plan(id: string, overrides: Partial<InspectionPlan>): InspectionPlan {
  return {
    id,
    number: 'QP-1',
    itemId: 'item-1',
    itemRevisionId: 'rev-1',
    type: 'FINAL',
    revision: id,
    status: 'APPROVED',
    effectiveFrom: new Date('2026-01-01T00:00:00Z'),
    effectiveTo: null,
    recordRevision: 1,
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

const t = (iso: string) => new Date(iso);

describe('the plan in effect', () => {
  const obsolete = plan('1', { status: 'OBSOLETE', effectiveTo: t('2026-06-01T00:00:00Z') });
  const approved = plan('2', { effectiveFrom: t('2026-06-01T00:00:00Z') });
  const draft = plan('3', { status: 'DRAFT', effectiveFrom: t('2026-09-01T00:00:00Z') });
  const receiving = plan('R', { type: 'RECEIVING', effectiveFrom: t('2026-07-01T00:00:00Z') });
  const plans = [draft, receiving, approved, obsolete];

  it('is an obsolete plan for a date inside its range, because it applied then', () => {
    expect(planInEffect(plans, 'FINAL', t('2026-05-31T23:59:59.999Z'))).toBe(obsolete);
  });

  it('starts at effectiveFrom inclusive and ends at effectiveTo exclusive', () => {
    expect(planInEffect(plans, 'FINAL', t('2026-06-01T00:00:00Z'))).toBe(approved);
    expect(planInEffect(plans, 'FINAL', t('2026-01-01T00:00:00Z'))).toBe(obsolete);
    expect(planInEffect(plans, 'FINAL', t('2025-12-31T23:59:59.999Z'))).toBeNull();
  });

  it('is never a draft, even one that started later', () => {
    expect(planInEffect(plans, 'FINAL', t('2026-10-01T00:00:00Z'))).toBe(approved);
    expect(planInEffect([draft], 'FINAL', t('2026-10-01T00:00:00Z'))).toBeNull();
  });

  it('is only ever a plan of the type asked for', () => {
    expect(planInEffect(plans, 'RECEIVING', t('2026-10-01T00:00:00Z'))).toBe(receiving);
    expect(planInEffect(plans, 'IN_PROCESS', t('2026-10-01T00:00:00Z'))).toBeNull();
  });

  it('is the one that started last where approved ranges overlap', () => {
    const overlapping = plan('2b', { effectiveFrom: t('2026-08-01T00:00:00Z') });
    expect(planInEffect([approved, overlapping], 'FINAL', t('2026-08-15T00:00:00Z'))).toBe(
      overlapping,
    );
    expect(planInEffect([overlapping, approved], 'FINAL', t('2026-07-15T00:00:00Z'))).toBe(
      approved,
    );
  });
});

describe('time cursor keys', () => {
  it('read back what they wrote, ids with separators included', () => {
    const cursor = { at: '2026-07-03T08:00:00.000900Z', id: 'insp|7' };
    expect(parseTimeCursorKey(timeCursorKey(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'insp-1',
    '2026-07-03T08:00:00Z|insp-1',
    '2026-07-03T08:00:00.000900Z|',
    'yesterday|insp-1',
    '2026-02-30T08:00:00.000000Z|insp-1',
  ])('reject %j', (key) => {
    expect(parseTimeCursorKey(key)).toBeNull();
  });
});
