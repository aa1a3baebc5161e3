import { ConfigError } from '@plantgraph/platform';
import { readGenealogyLimits } from '../src/config.ts';

describe('genealogy limits', () => {
  it('default to depth 10 of at most 50, 20,000 lots per walk, 100,000 per request and a 2 % tolerance', () => {
    expect(readGenealogyLimits({})).toEqual({
      traceDefaultDepth: 10,
      traceMaxDepth: 50,
      traceMaxLots: 20_000,
      requestMaxLots: 100_000,
      completenessTolerance: 0.02,
    });
  });

  it('read each from its variable', () => {
    expect(
      readGenealogyLimits({
        TRACE_DEFAULT_DEPTH: '5',
        TRACE_MAX_DEPTH: '20',
        TRACE_MAX_LOTS: '1000',
        TRACE_REQUEST_MAX_LOTS: '5000',
        COMPLETENESS_TOLERANCE: '0.05',
      }),
    ).toEqual({
      traceDefaultDepth: 5,
      traceMaxDepth: 20,
      traceMaxLots: 1000,
      requestMaxLots: 5000,
      completenessTolerance: 0.05,
    });
  });

  it('keep the default depth within a lower bound', () => {
    expect(readGenealogyLimits({ TRACE_MAX_DEPTH: '4' }).traceDefaultDepth).toBe(4);
  });

  it.each([
    [{ TRACE_MAX_DEPTH: '0' }, 'TRACE_MAX_DEPTH'],
    [{ TRACE_DEFAULT_DEPTH: 'ten' }, 'TRACE_DEFAULT_DEPTH'],
    [{ TRACE_DEFAULT_DEPTH: '30', TRACE_MAX_DEPTH: '20' }, 'TRACE_DEFAULT_DEPTH'],
    [{ TRACE_MAX_LOTS: '-5' }, 'TRACE_MAX_LOTS'],
    [{ TRACE_REQUEST_MAX_LOTS: '0' }, 'TRACE_REQUEST_MAX_LOTS'],
    [{ COMPLETENESS_TOLERANCE: '2' }, 'COMPLETENESS_TOLERANCE'],
    [{ COMPLETENESS_TOLERANCE: '5%' }, 'COMPLETENESS_TOLERANCE'],
  ])('refuse %j, naming the variable', (env, name) => {
    expect(() => readGenealogyLimits(env)).toThrow(ConfigError);
    expect(() => readGenealogyLimits(env)).toThrow(name);
  });
});
