import type { InspectionPlan } from '../src/domain/inspection-plan.ts';
import {
  checkApproval,
  checkCharacteristics,
  checkObsolete,
  nextRevisionLabel,
  supersededAt,
} from '../src/domain/plan-revision.ts';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-12-07T12:00:00Z');

function plan(
  id: string,
  status: InspectionPlan['status'],
  from: string,
  to: string | null = null,
): InspectionPlan {
  return {
    id,
    number: 'IP-1',
    itemId: 'item',
    itemRevisionId: 'rev-b',
    type: 'FINAL',
    revision: id,
    status,
    effectiveFrom: at(from),
    effectiveTo: to === null ? null : at(to),
    recordRevision: 1,
    updatedAt: at(from),
  };
}
const codes = (errors: readonly { code: string; field: string }[]) =>
  errors.map((e) => `${e.code}@${e.field}`);

describe('plan revision rules', () => {
  it('label the next revision one above the highest numeric label', () => {
    expect(nextRevisionLabel([])).toBe('1');
    expect(nextRevisionLabel(['1', '2', '10', 'B'])).toBe('11');
  });

  it('accept a characteristic bounded on one side, a target within the limits', () => {
    expect(
      checkCharacteristics([
        { code: 'A', name: 'A', uom: 'MM', lowerLimit: null, upperLimit: '5', target: '5' },
        { code: 'B', name: 'B', uom: 'MM', lowerLimit: '-1.5', upperLimit: null, target: null },
        { code: 'C', name: 'C', uom: 'MM', lowerLimit: '2.50', upperLimit: '2.5', target: null },
      ]),
    ).toEqual([]);
    expect(
      codes(
        checkCharacteristics([
          { code: 'A', name: 'A', uom: 'MM', lowerLimit: '10', upperLimit: '9.99', target: null },
          { code: 'B', name: 'B', uom: ' ', lowerLimit: '0', upperLimit: null, target: '-0.1' },
        ]),
      ),
    ).toEqual([
      'SPEC_LIMITS_INVALID@characteristics[0].lowerLimit',
      'CHARACTERISTIC_INVALID@characteristics[1].uom',
      'SPEC_LIMITS_INVALID@characteristics[1].target',
    ]);
  });

  it('approve from now or later, after every approved revision took effect', () => {
    const draft = plan('3', 'DRAFT', '2026-12-01T00:00:00Z');
    const family = [
      plan('1', 'OBSOLETE', '2026-01-01T00:00:00Z', '2026-12-20T00:00:00Z'),
      plan('2', 'APPROVED', '2026-06-01T00:00:00Z'),
      draft,
    ];
    const approve = (from: string) =>
      codes(checkApproval(draft, family, { effectiveFrom: at(from), expectedRevision: null }, NOW));
    expect(approve('2026-12-07T12:00:00Z')).toEqual([]);
    expect(approve('2026-12-07T11:59:59Z')).toEqual(['EFFECTIVE_DATE_INVALID@effectiveFrom']);
    // An obsolete revision neither blocks nor is ended by an approval.
    expect(supersededAt(draft, family, at('2026-12-10T00:00:00Z')).map((p) => p.id)).toEqual(['2']);
    const ahead = [...family, plan('4', 'APPROVED', '2027-01-01T00:00:00Z')];
    expect(
      codes(
        checkApproval(
          draft,
          ahead,
          { effectiveFrom: at('2026-12-31T00:00:00Z'), expectedRevision: null },
          NOW,
        ),
      ),
    ).toEqual(['EFFECTIVE_DATE_INVALID@effectiveFrom']);
    expect(
      codes(
        checkApproval(
          plan('2', 'APPROVED', '2026-06-01T00:00:00Z'),
          family,
          { effectiveFrom: NOW, expectedRevision: 2 },
          NOW,
        ),
      ),
    ).toEqual(['PLAN_NOT_DRAFT@revision', 'REVISION_CONFLICT@expectedRevision']);
  });

  it('end an approved revision when asked, or keep an earlier end it already has', () => {
    const ended = plan('2', 'APPROVED', '2026-06-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(checkObsolete(ended, { effectiveTo: NOW, expectedRevision: null }, NOW)).toEqual({
      errors: [],
      effectiveTo: at('2026-12-01T00:00:00Z'),
    });
    const open = plan('3', 'APPROVED', '2026-06-01T00:00:00Z');
    const later = at('2027-01-01T00:00:00Z');
    expect(checkObsolete(open, { effectiveTo: later, expectedRevision: 1 }, NOW)).toEqual({
      errors: [],
      effectiveTo: later,
    });
  });
});
