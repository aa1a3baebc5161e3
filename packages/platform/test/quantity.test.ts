import { convertQuantity, sumDecimals, UnitConversionError } from '../src/quantity.ts';

const steel = [
  { fromUom: 'KG', toUom: 'G', factor: '1000' },
  { fromUom: 'SHEET', toUom: 'KG', factor: '12.5' },
];

describe('unit conversion', () => {
  it('converts along a direct conversion', () => {
    expect(convertQuantity({ value: '2.5', uom: 'KG' }, 'G', steel)).toEqual({
      value: '2500',
      uom: 'G',
    });
  });

  it('converts against the direction a conversion is written in', () => {
    expect(convertQuantity({ value: '250', uom: 'G' }, 'KG', steel)).toEqual({
      value: '0.25',
      uom: 'KG',
    });
  });

  it('chains conversions when no direct one exists', () => {
    expect(convertQuantity({ value: '3', uom: 'SHEET' }, 'G', steel)).toEqual({
      value: '37500',
      uom: 'G',
    });
  });

  it('stays exact where binary floating point would not', () => {
    const tenth = [{ fromUom: 'L', toUom: 'ML', factor: '1000' }];
    expect(convertQuantity({ value: '0.1', uom: 'L' }, 'ML', tenth).value).toBe('100');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
  });

  it('keeps a quantity already in the target unit', () => {
    expect(convertQuantity({ value: '7.000', uom: 'EA' }, 'EA', [])).toEqual({
      value: '7',
      uom: 'EA',
    });
  });

  it('refuses a unit it cannot reach', () => {
    expect(() => convertQuantity({ value: '1', uom: 'BOX' }, 'KG', steel)).toThrow(
      UnitConversionError,
    );
    expect(() => convertQuantity({ value: '1', uom: 'BOX' }, 'KG', steel)).toThrow(
      'no conversion from BOX to KG',
    );
  });
});
