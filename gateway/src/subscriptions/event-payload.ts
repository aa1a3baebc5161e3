import type { EventEnvelope, FeedEntry } from '@plantgraph/events';
import {
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { COMMON_ENTITIES, COMMON_VALUES, type SubscriptionSource } from './event-catalog.ts';
import { payloadVariables, type PayloadQuery } from './payload-query.ts';

/** Runs a query through the gateway's own executor, for the event that caused it. */
export type PayloadExecutor = (
  query: PayloadQuery,
  variables: Record<string, unknown>,
  event: EventEnvelope,
) => Promise<FormattedExecutionResult>;

/** What one subscription needs to turn an event into its result. */
export interface PayloadShape {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly source: SubscriptionSource;
  /** The response name of the subscription field (its alias, if any). */
  readonly rootKey: string;
  /** Null when the client selected no entity. */
  readonly query: PayloadQuery | null;
}

/** The value of the subscription field for one event: the root of the payload. */
class EventPayload {
  readonly event: EventEnvelope;
  readonly cursor: string;
  readonly source: SubscriptionSource;
  /** The payload query's data, by response name. */
  readonly entities: Readonly<Record<string, unknown>>;

  constructor(
    event: EventEnvelope,
    cursor: string,
    source: SubscriptionSource,
    entities: Readonly<Record<string, unknown>>,
  ) {
    this.event = event;
    this.cursor = cursor;
    this.source = source;
    this.entities = entities;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Response names from the payload root down to the field being resolved. */
function pathBelowRoot(info: GraphQLResolveInfo): string {
  const keys: (string | number)[] = [];
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path; path = path.prev) {
    keys.unshift(path.key);
  }
  return keys.slice(1).join('.');
}

/** The payload query's errors, handed out where the field they concern is resolved. */
class PayloadErrors {
  readonly #byPath = new Map<string, GraphQLFormattedError>();
  readonly #withoutPath: GraphQLFormattedError[] = [];
  readonly #used = new Set<GraphQLFormattedError>();

  constructor(errors: readonly GraphQLFormattedError[]) {
    for (const error of errors) {
      if (error.path) this.#byPath.set(error.path.join('.'), error);
      else this.#withoutPath.push(error);
    }
  }

  /** The error behind a missing value at `path`, to throw there (entity fields also take those without a path). */
  take(path: string, isEntityField: boolean): GraphQLError | null {
    const error = this.#byPath.get(path) ?? (isEntityField ? this.#withoutPath[0] : undefined);
    if (error === undefined) return null;
    this.#used.add(error);
    return new GraphQLError(error.message, { extensions: error.extensions ?? {} });
  }

  /** Errors no field claimed, with their paths under the subscription field. */
  unclaimed(rootKey: string): GraphQLError[] {
    return [...this.#byPath.values(), ...this.#withoutPath]
      .filter((error) => !this.#used.has(error))
      .map(
        (error) =>
          new GraphQLError(error.message, {
            extensions: error.extensions ?? {},
            path: error.path ? [rootKey, ...error.path] : [rootKey],
          }),
      );
  }
}

function resolverFor(
  schema: GraphQLSchema,
  errors: PayloadErrors,
): GraphQLFieldResolver<unknown, unknown> {
  const subscriptionType = schema.getSubscriptionType();
  return (source, _args, _context, info) => {
    if (info.parentType === subscriptionType) return source;
    const key = String(info.path.key);
    if (source instanceof EventPayload) {
      const name = info.fieldName;
      if (name === 'cursor') return source.cursor;
      if (name in source.source.entities || name in COMMON_ENTITIES) {
        const value = source.entities[key];
        if (value === undefined || value === null) {
          const error = errors.take(key, true);
          if (error) throw error;
          return null;
        }
        return value;
      }
      const compute = source.source.values[name] ?? COMMON_VALUES[name];
      return compute ? compute(source.event) : null;
    }
    const value = isRecord(source) ? source[key] : undefined;
    if (value === undefined || value === null) {
      const error = errors.take(pathBelowRoot(info), false);
      if (error) throw error;
      return null;
    }
    return value;
  };
}

function entityKeyOf(
  source: SubscriptionSource,
  event: EventEnvelope,
  field: string,
): string | null {
  const key = source.entities[field] ?? COMMON_ENTITIES[field];
  return key ? key(event) : null;
}

/**
 * The subscription result for one event: the entities the client selected are read through the
 * gateway's executor as they are now (one query for the event), then the client's own document is
 * executed on the event and that data, so aliases, fragments, directives and __typename come out
 * exactly as asked. Errors of the query land on the fields they concern.
 */
export async function resolveEventPayload(
  shape: PayloadShape,
  entry: FeedEntry,
  cursor: string,
  executor: PayloadExecutor,
): Promise<ExecutionResult> {
  const { event } = entry;
  let data: Readonly<Record<string, unknown>> = {};
  let queryErrors: readonly GraphQLFormattedError[] = [];
  if (shape.query) {
    const query = shape.query;
    const variables = payloadVariables(query, shape.variables, (field) =>
      entityKeyOf(shape.source, event, field),
    );
    const result = await executor(query, variables, event);
    data = result.data ?? {};
    queryErrors = result.errors ?? [];
  }
  const errors = new PayloadErrors(queryErrors);
  const payload = new EventPayload(event, cursor, shape.source, data);
  const result = await execute({
    schema: shape.schema,
    document: shape.document,
    operationName: shape.operationName,
    variableValues: shape.variables,
    rootValue: payload,
    fieldResolver: resolverFor(shape.schema, errors),
  });
  const unclaimed = errors.unclaimed(shape.rootKey);
  if (unclaimed.length === 0) return result;
  return { ...result, errors: [...(result.errors ?? []), ...unclaimed] };
}
