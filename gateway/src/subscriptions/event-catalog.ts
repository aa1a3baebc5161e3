import type { EventEnvelope } from '@plantgraph/events';
import { badUserInput } from '@plantgraph/platform';
import { dataText, idOf } from './event-data.ts';

/** Coerced arguments of a subscription field. */
export type ArgumentValues = Readonly<Record<string, unknown>>;

/** Decides whether an event goes to a subscription; a promise only when a key must be looked up. */
export type EventFilter = (event: EventEnvelope) => boolean | Promise<boolean>;

/** Keys an event may not carry, looked up in the graph (and remembered: they never change). */
export interface KeyLookups {
  /** The item of a lot. */
  itemOfLot(lotId: string): Promise<string | null>;
}

/** How the gateway serves one subscription field from the event feed. */
export interface SubscriptionSource {
  /** The field of `Subscription`. */
  readonly field: string;
  /** True for the event types the field delivers (before any argument is looked at). */
  readonly accepts: (event: EventEnvelope) => boolean;
  /** The filter of one subscription; throws BAD_USER_INPUT for an argument it cannot use. */
  readonly filter: (args: ArgumentValues, lookups: KeyLookups) => EventFilter;
  /** Entity-valued payload fields: the id of the entity the event names, or null. */
  readonly entities: Readonly<Record<string, (event: EventEnvelope) => string | null>>;
  /** Other payload fields computed from the event (besides those of every payload). */
  readonly values: Readonly<Record<string, (event: EventEnvelope) => unknown>>;
}

/** Entity fields every payload type may have: the plant the event belongs to. */
export const COMMON_ENTITIES: SubscriptionSource['entities'] = {
  plant: (event) => event.plant,
};

/** Payload fields every payload type may have, from the envelope (`cursor` comes from the feed). */
export const COMMON_VALUES: SubscriptionSource['values'] = {
  eventId: (event) => event.id,
  type: (event) => event.type,
  source: (event) => event.source,
  subject: (event) => event.subject,
  time: (event) => event.time,
  correlationId: (event) => event.correlationid,
  causationId: (event) => event.causationid,
  aggregateType: (event) => event.aggregatetype,
  aggregateId: (event) => event.aggregateid,
  aggregateVersion: (event) => event.aggregateversion,
  data: (event) => JSON.stringify(event.data),
};

/** An optional id argument: absent or null means "any"; an empty string is refused. */
function idArgument(args: ArgumentValues, name: string): string | null {
  const value = args[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') {
    throw badUserInput(`${name} must be a non-empty id (or left out for every ${name})`, name);
  }
  return value;
}

/** An optional enum argument (GraphQL has already checked its value). */
function enumArgument(args: ArgumentValues, name: string): string | null {
  const value = args[name];
  return typeof value === 'string' ? value : null;
}

const EVENT_TYPE = /^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)+$/;

function typesArgument(args: ArgumentValues): ReadonlySet<string> | null {
  const value = args.types;
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0) {
    throw badUserInput('types must list at least one event type (or be left out)', 'types');
  }
  const types = new Set<string>();
  for (const type of value) {
    if (typeof type !== 'string' || !EVENT_TYPE.test(type)) {
      throw badUserInput(
        `types: "${String(type)}" is not an event type; types are lower-case dotted names such as inspection.failed or order.released`,
        'types',
      );
    }
    types.add(type);
  }
  return types;
}

/** Every condition holds; lookups run only for the events that pass the others. */
function allOf(conditions: readonly (EventFilter | null)[]): EventFilter {
  const active = conditions.filter((condition) => condition !== null);
  return (event) => {
    const pending: Promise<boolean>[] = [];
    for (const condition of active) {
      const verdict = condition(event);
      if (verdict === false) return false;
      if (verdict !== true) pending.push(verdict);
    }
    if (pending.length === 0) return true;
    return Promise.all(pending).then((verdicts) => verdicts.every(Boolean));
  };
}

/** Keeps the events whose `read` value equals the argument, when the argument is given. */
function equals(
  wanted: string | null,
  read: (event: EventEnvelope) => string | null,
): EventFilter | null {
  return wanted === null ? null : (event) => read(event) === wanted;
}

const plantOf = (event: EventEnvelope) => event.plant;

const OPERATION_EVENTS = new Set([
  'operation.started',
  'operation.progressed',
  'operation.completed',
]);

/** The order status an `order.*` event set: the data's `status`, or what the type says. */
function orderStatusOf(event: EventEnvelope): string | null {
  if (!event.type.startsWith('order.')) return null;
  return dataText(event, 'status') ?? (event.type === 'order.released' ? 'RELEASED' : null);
}

const inspectionFailed: SubscriptionSource = {
  field: 'inspectionFailed',
  accepts: (event) => event.type === 'inspection.failed',
  filter: (args, lookups) => {
    const item = idArgument(args, 'item');
    return allOf([
      equals(idArgument(args, 'plant'), plantOf),
      item === null
        ? null
        : (event) => {
            // An event that names its item is decided at once; otherwise its lot's item is.
            const named = dataText(event, 'itemId');
            if (named !== null) return named === item;
            const lot = dataText(event, 'lotId');
            return lot === null ? false : lookups.itemOfLot(lot).then((found) => found === item);
          },
    ]);
  },
  entities: {
    inspection: (event) => idOf(event, 'Inspection', 'inspectionId'),
    lot: (event) => dataText(event, 'lotId'),
    order: (event) => dataText(event, 'orderId'),
    operation: (event) => dataText(event, 'operationId'),
    nonconformance: (event) => dataText(event, 'nonconformanceId'),
  },
  values: {},
};

const lotQualityStatusChanged: SubscriptionSource = {
  field: 'lotQualityStatusChanged',
  accepts: (event) => event.type === 'lot.hold.changed',
  filter: (args) =>
    allOf([
      equals(idArgument(args, 'plant'), plantOf),
      equals(idArgument(args, 'lot'), (event) => dataText(event, 'lotId') ?? event.aggregateid),
    ]),
  entities: {
    lot: (event) => dataText(event, 'lotId') ?? event.aggregateid,
  },
  values: {
    qualityStatus: (event) => dataText(event, 'status'),
    previousQualityStatus: (event) => dataText(event, 'previousStatus'),
  },
};

const nonconformanceRaised: SubscriptionSource = {
  field: 'nonconformanceRaised',
  accepts: (event) => event.type === 'nonconformance.raised',
  filter: (args) =>
    allOf([
      equals(idArgument(args, 'plant'), plantOf),
      equals(enumArgument(args, 'severity'), (event) => dataText(event, 'severity')),
    ]),
  entities: {
    nonconformance: (event) => idOf(event, 'Nonconformance', 'nonconformanceId'),
    lot: (event) => dataText(event, 'lotId'),
    inspection: (event) => dataText(event, 'inspectionId'),
  },
  values: {
    severity: (event) => dataText(event, 'severity'),
  },
};

const orderStatusChanged: SubscriptionSource = {
  field: 'orderStatusChanged',
  accepts: (event) => orderStatusOf(event) !== null,
  filter: (args) =>
    allOf([
      equals(idArgument(args, 'plant'), plantOf),
      equals(idArgument(args, 'order'), (event) => idOf(event, 'Order', 'orderId')),
      equals(enumArgument(args, 'status'), orderStatusOf),
    ]),
  entities: {
    order: (event) => idOf(event, 'Order', 'orderId'),
  },
  values: {
    status: orderStatusOf,
  },
};

const operationStatusChanged: SubscriptionSource = {
  field: 'operationStatusChanged',
  accepts: (event) => OPERATION_EVENTS.has(event.type),
  filter: (args) =>
    allOf([
      equals(idArgument(args, 'plant'), plantOf),
      equals(idArgument(args, 'order'), (event) => dataText(event, 'orderId')),
    ]),
  entities: {
    operation: (event) => idOf(event, 'Operation', 'operationId'),
    order: (event) => dataText(event, 'orderId'),
  },
  values: {
    status: (event) => dataText(event, 'status'),
  },
};

const manufacturingEvents: SubscriptionSource = {
  field: 'manufacturingEvents',
  accepts: () => true,
  filter: (args) => {
    const types = typesArgument(args);
    return allOf([
      types === null ? null : (event) => types.has(event.type),
      equals(idArgument(args, 'plant'), plantOf),
    ]);
  },
  entities: {},
  values: {},
};

/** Every subscription field the gateway serves, by field name. */
export const SUBSCRIPTION_SOURCES: ReadonlyMap<string, SubscriptionSource> = new Map(
  [
    inspectionFailed,
    lotQualityStatusChanged,
    nonconformanceRaised,
    orderStatusChanged,
    operationStatusChanged,
    manufacturingEvents,
  ].map((source) => [source.field, source]),
);
