import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DECIMAL = /^-?\d{1,28}(\.\d{1,20})?$/;

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** True for a YYYY-MM-DD that exists in the calendar (no 30 February). */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses an ISO-8601 date-time with offset into a Date, or throws a client error. */
export function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && DATE_TIME.test(value) && isCalendarDate(value.slice(0, 10))) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw invalid(
    `DateTime must be an ISO-8601 date-time with offset, such as 2026-03-01T08:00:00Z; got ${JSON.stringify(value)}`,
  );
}

/** Checks a decimal written as a string (or an integer), returning its canonical string. */
export function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text === 'string' && DECIMAL.test(text)) return text;
  throw invalid(
    `Decimal must be a decimal number written as a string, such as "12.5"; got ${JSON.stringify(value)}`,
  );
}

function literalValue(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
    return ast.kind === Kind.STRING ? ast.value : Number(ast.value);
  }
  return undefined;
}

/** A point in time, ISO-8601 with offset (stored as timestamptz). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A point in time, ISO-8601 with offset, e.g. 2026-03-01T08:00:00Z.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    return parseDateTime(value).toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return parseDateTime(literalValue(ast));
    return parseDateTime(ast.value);
  },
});

/** An exact decimal number, carried as a string so no precision is lost. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number carried as a string, e.g. "12.500".',
  serialize: (value) => parseDecimal(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(literalValue(ast)),
});

/** A calendar date, YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    throw invalid(`Date must be YYYY-MM-DD; got ${JSON.stringify(value)}`);
  },
  parseValue(value) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value))
      return value;
    throw invalid(`Date must be YYYY-MM-DD; got ${JSON.stringify(value)}`);
  },
  parseLiteral(ast) {
    if (
      ast.kind === Kind.STRING &&
      /^\d{4}-\d{2}-\d{2}$/.test(ast.value) &&
      isCalendarDate(ast.value)
    ) {
      return ast.value;
    }
    throw invalid('Date must be a string YYYY-MM-DD');
  },
});
