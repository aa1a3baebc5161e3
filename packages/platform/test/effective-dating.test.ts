import { isInEffect, versionInEffect } from '../src/effective-dating.ts';

const d = (iso: string) => new Date(iso);
const revisionA = {
  name: 'A',
  effectiveFrom: d('2026-01-01T00:00:00Z'),
  effectiveTo: d('2026-06-01T00:00:00Z'),
  released: true,
};
const revisions = [
  {
    name: 'A',
    effectiveFrom: d('2026-01-01T00:00:00Z'),
    effectiveTo: d('2026-06-01T00:00:00Z'),
    released: true,
  },
  { name: 'B', effectiveFrom: d('2026-06-01T00:00:00Z'), effectiveTo: null, released: true },
  { name: 'C', effectiveFrom: d('2026-09-01T00:00:00Z'), effectiveTo: null, released: false },
];

describe('effective-date resolution', () => {
  it('includes the start instant and excludes the end instant', () => {
    expect(isInEffect(revisionA, d('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isInEffect(revisionA, d('2026-05-31T23:59:59.999Z'))).toBe(true);
    expect(isInEffect(revisionA, d('2026-06-01T00:00:00Z'))).toBe(false);
  });

  it('picks the revision whose range holds the instant', () => {
    expect(versionInEffect(revisions, d('2026-03-01T00:00:00Z'))?.name).toBe('A');
    expect(versionInEffect(revisions, d('2026-06-01T00:00:00Z'))?.name).toBe('B');
  });

  it('lets a later overlapping revision supersede an earlier open-ended one', () => {
    expect(versionInEffect(revisions, d('2026-10-01T00:00:00Z'))?.name).toBe('C');
  });

  it('skips revisions that are not eligible', () => {
    expect(versionInEffect(revisions, d('2026-10-01T00:00:00Z'), (r) => r.released)?.name).toBe(
      'B',
    );
  });

  it('answers null before the first revision', () => {
    expect(versionInEffect(revisions, d('2025-12-31T23:59:59Z'))).toBeNull();
  });

  it('compares instants, not wall-clock text, across offsets', () => {
    // 2026-06-01T01:30+02:00 is 2026-05-31T23:30Z: still revision A.
    expect(versionInEffect(revisions, d('2026-06-01T01:30:00+02:00'))?.name).toBe('A');
  });
});
