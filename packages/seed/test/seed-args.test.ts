import { UsageError, parseSeedArgs } from '../src/index.ts';

describe('parseSeedArgs', () => {
  it('loads the demo by default and with --reset', () => {
    expect(parseSeedArgs([])).toEqual({ kind: 'demo', reset: false });
    expect(parseSeedArgs(['--reset'])).toEqual({ kind: 'demo', reset: true });
  });

  it('reads --scale and --seed, as separate words or with =', () => {
    expect(parseSeedArgs(['--scale', '1000000'])).toEqual({
      kind: 'scale',
      reset: false,
      lots: 1_000_000,
      seed: 1,
    });
    expect(parseSeedArgs(['--reset', '--scale=1_000', '--seed=42'])).toEqual({
      kind: 'scale',
      reset: true,
      lots: 1000,
      seed: 42,
    });
  });

  it('answers help', () => {
    expect(parseSeedArgs(['--scale', '500', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus'], /unknown argument "--bogus"/],
    [['--scale'], /--scale needs a value/],
    [['--scale', '--reset'], /--scale needs a value/],
    [['--scale', 'lots'], /whole number/],
    [['--scale', '-5'], /whole number/],
    [['--scale', '2000000'], /between 100 and 1000000/],
    [['--seed', '3'], /--seed only applies with --scale/],
    [['--reset=yes'], /takes no value/],
    [['demo'], /unknown argument "demo"/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(UsageError);
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});
