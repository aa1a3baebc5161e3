import { createHash } from 'node:crypto';
import { badUserInput } from '@plantgraph/platform';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isObjectType,
  Kind,
  print,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { decodeCursor, type FeedCursor } from './cursor.ts';
import {
  COMMON_ENTITIES,
  SUBSCRIPTION_SOURCES,
  type EventFilter,
  type KeyLookups,
  type SubscriptionSource,
} from './event-catalog.ts';
import type { PayloadShape } from './event-payload.ts';
import { buildPayloadQuery } from './payload-query.ts';

/** Everything the gateway decided about one subscription before it delivers anything. */
export class SubscriptionPlan {
  readonly source: SubscriptionSource;
  readonly shape: PayloadShape;
  readonly filter: EventFilter;
  /** Where to resume; null for new events only. */
  readonly after: FeedCursor | null;
  /**
   * Subscriptions with the same key get the same result for an event: it is resolved once for
   * all of them (same subscriber identity, document and variables, the cursor aside).
   */
  readonly groupKey: string;

  constructor(fields: {
    source: SubscriptionSource;
    shape: PayloadShape;
    filter: EventFilter;
    after: FeedCursor | null;
    groupKey: string;
  }) {
    this.source = fields.source;
    this.shape = fields.shape;
    this.filter = fields.filter;
    this.after = fields.after;
    this.groupKey = fields.groupKey;
  }
}

export interface PlanInput {
  /** The API schema of the supergraph (its Subscription type included). */
  readonly schema: PayloadShape['schema'];
  /** A validated document. */
  readonly document: DocumentNode;
  /** Its subscription operation. */
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly lookups: KeyLookups;
  /** Who subscribes (see `SubscriberIdentity.cacheKey`). */
  readonly identityKey: string;
}

/**
 * Plans a validated subscription operation: the event source of its field, the filter of its
 * arguments, its cursor, and the query that reads the entities it selected. Answers the errors
 * the client gets instead when an argument or the cursor cannot be used.
 */
export function planSubscription(input: PlanInput): SubscriptionPlan | GraphQLError[] {
  const { schema, operation } = input;
  const [rootField, ...others] = operation.selectionSet.selections;
  if (rootField?.kind !== Kind.FIELD || others.length > 0) {
    return [new GraphQLError('A subscription selects exactly one field, directly.')];
  }
  const fieldName = rootField.name.value;
  const source = SUBSCRIPTION_SOURCES.get(fieldName);
  const fieldDef = schema.getSubscriptionType()?.getFields()[fieldName];
  if (source === undefined || fieldDef === undefined) {
    return [new GraphQLError(`Subscription.${fieldName} is not served by this gateway.`)];
  }
  const payloadType = getNamedType(fieldDef.type);
  if (!isObjectType(payloadType)) {
    return [new GraphQLError(`Subscription.${fieldName} does not return an event type.`)];
  }

  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], {
    ...input.variables,
  });
  if (coerced.errors) {
    return coerced.errors.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { code: 'BAD_USER_INPUT' },
        }),
    );
  }
  let filter: EventFilter;
  let after: FeedCursor | null = null;
  try {
    const args = getArgumentValues(fieldDef, rootField, coerced.coerced);
    filter = source.filter(args, input.lookups);
    if (typeof args.after === 'string') {
      after = decodeCursor(args.after);
      if (after === null) {
        throw badUserInput(
          'after: not a cursor this API issued; pass the `cursor` of an event you received',
          'after',
        );
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }

  const entityFields = new Set(
    [...Object.keys(source.entities), ...Object.keys(COMMON_ENTITIES)].filter(
      (field) => field in payloadType.getFields(),
    ),
  );
  const query = buildPayloadQuery({
    schema,
    document: input.document,
    operation,
    rootField,
    payloadType,
    entityFields,
  });
  const afterArgument = rootField.arguments?.find((argument) => argument.name.value === 'after');
  const cursorVariable =
    afterArgument?.value.kind === Kind.VARIABLE ? afterArgument.value.name.value : null;
  const sharedVariables = Object.fromEntries(
    Object.entries(input.variables).filter(([name]) => name !== cursorVariable),
  );
  const groupKey = createHash('sha256')
    .update(
      JSON.stringify([
        input.identityKey,
        print(input.document),
        operation.name?.value ?? null,
        sharedVariables,
      ]),
    )
    .digest('base64url');
  return new SubscriptionPlan({
    source,
    filter,
    after,
    groupKey,
    shape: {
      schema,
      document: input.document,
      operationName: operation.name?.value,
      variables: coerced.coerced,
      source,
      rootKey: rootField.alias?.value ?? fieldName,
      query,
    },
  });
}
