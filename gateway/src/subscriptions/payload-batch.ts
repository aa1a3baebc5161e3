import {
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { PayloadQuery } from './payload-query.ts';

/** Gateway variables of a payload query (the client's are shared by every event of a batch). */
const GATEWAY_VARIABLE = /^_pg(Key|Has)_/;
const BATCHED_KEY = /^e(\d+)_(.*)$/;

const batches = new WeakMap<PayloadQuery, Map<number, PayloadQuery>>();

function renameVariables<T extends FieldNode | VariableDefinitionNode>(node: T, index: number): T {
  return visit(node, {
    Variable(variable) {
      if (!GATEWAY_VARIABLE.test(variable.name.value)) return undefined;
      return { ...variable, name: { ...variable.name, value: `${variable.name.value}_${index}` } };
    },
  });
}

/**
 * The payload query of `size` events in one operation: each event's root fields under aliases
 * prefixed `e<index>_`, with its own id variables; fragments and client variables are shared.
 * Under load, one operation for many events lets the subgraphs read each entity type in one
 * batch instead of once per event.
 */
export function batchedPayloadQuery(query: PayloadQuery, size: number): PayloadQuery {
  if (size === 1) return query;
  const known = batches.get(query) ?? new Map<number, PayloadQuery>();
  batches.set(query, known);
  const cached = known.get(size);
  if (cached) return cached;

  const [operation, ...fragments] = query.document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not a payload query');
  const selections: FieldNode[] = [];
  const definitions: VariableDefinitionNode[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    if (!GATEWAY_VARIABLE.test(definition.variable.name.value)) definitions.push(definition);
  }
  for (let index = 0; index < size; index += 1) {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const alias = selection.alias?.value ?? selection.name.value;
      selections.push({
        ...renameVariables(selection, index),
        alias: { kind: Kind.NAME, value: `e${index}_${alias}` },
      });
    }
    for (const definition of operation.variableDefinitions ?? []) {
      if (GATEWAY_VARIABLE.test(definition.variable.name.value)) {
        definitions.push(renameVariables(definition, index));
      }
    }
  }
  const batched: OperationDefinitionNode = {
    ...operation,
    name: { kind: Kind.NAME, value: `${query.operationName}Batch${size}` },
    variableDefinitions: definitions,
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [batched, ...fragments] };
  const result: PayloadQuery = {
    ...query,
    text: print(document),
    document,
    operationName: batched.name?.value ?? query.operationName,
  };
  known.set(size, result);
  return result;
}

/** The variables of a batch: the client's once, each event's own ids suffixed by its index. */
export function batchedVariables(
  perEvent: readonly Readonly<Record<string, unknown>>[],
): Record<string, unknown> {
  if (perEvent.length === 1) return { ...perEvent[0] };
  const variables: Record<string, unknown> = {};
  perEvent.forEach((eventVariables, index) => {
    for (const [name, value] of Object.entries(eventVariables)) {
      variables[GATEWAY_VARIABLE.test(name) ? `${name}_${index}` : name] = value;
    }
  });
  return variables;
}

/** Splits a batch's result into each event's own result, as if queried alone. */
export function splitBatchResult(
  result: FormattedExecutionResult,
  size: number,
): FormattedExecutionResult[] {
  if (size === 1) return [result];
  const data: Record<string, unknown>[] = Array.from({ length: size }, () => ({}));
  const errors: GraphQLFormattedError[][] = Array.from({ length: size }, () => []);
  for (const [key, value] of Object.entries(result.data ?? {})) {
    const match = BATCHED_KEY.exec(key);
    const target = match ? data[Number(match[1])] : undefined;
    if (target && match) target[match[2] ?? ''] = value;
  }
  for (const error of result.errors ?? []) {
    const [head, ...rest] = error.path ?? [];
    const match = typeof head === 'string' ? BATCHED_KEY.exec(head) : null;
    const index = match ? Number(match[1]) : null;
    if (match && index !== null && index < size) {
      errors[index]?.push({ ...error, path: [match[2] ?? '', ...rest] });
    } else {
      for (const list of errors) list.push(error);
    }
  }
  return data.map((eventData, index) => {
    const eventErrors = errors[index] ?? [];
    const base = result.data === null || result.data === undefined ? {} : { data: eventData };
    return eventErrors.length > 0 ? { ...base, errors: eventErrors } : base;
  });
}
