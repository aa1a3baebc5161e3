import { parseDateTime, parseDecimal } from '../src/scalars.ts';

describe('scalars', () => {
  it('accepts ISO-8601 date-times with an offset', () => {
    expect(parseDateTime('2026-03-01T08:00:00Z').toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(parseDateTime('2026-03-01T08:00:00.5+01:00').toISOString()).toBe(
      '2026-03-01T07:00:00.500Z',
    );
  });

  it.each(['2026-03-01', '2026-03-01T08:00:00', '01/03/2026', '2026-02-30T00:00:00Z', 42, null])(
    'rejects %p as a DateTime with a client error',
    (value) => {
      expect(() => parseDateTime(value)).toThrow(/ISO-8601/);
    },
  );

  it('accepts decimal strings and integers, and rejects floats and text', () => {
    expect(parseDecimal('12.500')).toBe('12.500');
    expect(parseDecimal(3)).toBe('3');
    expect(() => parseDecimal(0.1)).toThrow(/Decimal/);
    expect(() => parseDecimal('1e5')).toThrow(/Decimal/);
  });
});
