import type { EventEnvelope, JsonValue } from './envelope.ts';

/** A message that is not an event envelope this backbone wrote. */
export class MalformedEnvelopeError extends Error {
  override name = 'MalformedEnvelopeError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJson(value: unknown): value is JsonValue {
  if (value === null) return true;
  if (['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isJson);
  if (isRecord(value)) return Object.values(value).every(isJson);
  return false;
}

function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== 'string')
    throw new MalformedEnvelopeError(`envelope ${key} is not a string`);
  return value;
}

function textOrNull(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string')
    throw new MalformedEnvelopeError(`envelope ${key} is not a string`);
  return value;
}

/** Checks a decoded JSON value (a bus payload, a stored dead letter) and returns the envelope. */
export function parseEnvelope(value: unknown): EventEnvelope {
  if (!isRecord(value)) throw new MalformedEnvelopeError('envelope is not an object');
  if (value.specversion !== '1.0')
    throw new MalformedEnvelopeError('envelope specversion is not 1.0');
  const version = value.aggregateversion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new MalformedEnvelopeError('envelope aggregateversion is not an integer');
  }
  const data = value.data;
  if (!isJson(data)) throw new MalformedEnvelopeError('envelope data is not JSON');
  return {
    specversion: '1.0',
    id: text(value, 'id'),
    source: text(value, 'source'),
    type: text(value, 'type'),
    subject: text(value, 'subject'),
    time: text(value, 'time'),
    datacontenttype: 'application/json',
    data,
    correlationid: text(value, 'correlationid'),
    causationid: textOrNull(value, 'causationid'),
    plant: textOrNull(value, 'plant'),
    aggregatetype: text(value, 'aggregatetype'),
    aggregateid: text(value, 'aggregateid'),
    aggregateversion: version,
  };
}
