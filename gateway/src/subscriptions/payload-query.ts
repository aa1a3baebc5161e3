import {
  getNamedType,
  isNonNullType,
  isScalarType,
  Kind,
  OperationTypeNode,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The query that reads, for one event, the entities a subscription selected in its payload. */
export interface PayloadQuery {
  /** The query text (printed once, so the executor's caches key on it). */
  readonly text: string;
  readonly document: DocumentNode;
  readonly operationName: string;
  /** Payload fields it reads, each bound to a root query field by the event's entity id. */
  readonly entityFields: readonly string[];
  /** The client's variables the query uses. */
  readonly clientVariables: readonly string[];
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const variable = (value: string) => ({ kind: Kind.VARIABLE, name: name(value) }) as const;
const keyVariable = (field: string) => `_pgKey_${field}`;
const hasVariable = (field: string) => `_pgHas_${field}`;

function namedType(type: string, nonNull: boolean) {
  const named = { kind: Kind.NAMED_TYPE, name: name(type) } as const;
  return nonNull ? ({ kind: Kind.NON_NULL_TYPE, type: named } as const) : named;
}

/**
 * The root query field that reads an entity of `typeName` by id (`lot(id: ID!): Lot`), or null
 * when the graph has none.
 */
export function queryFieldFor(schema: GraphQLSchema, typeName: string): string | null {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    if (getNamedType(field.type).name !== typeName || isNonNullType(field.type)) continue;
    const [argument, ...others] = field.args;
    if (others.length > 0 || argument?.name !== 'id') continue;
    const argumentType = argument.type;
    if (isNonNullType(argumentType) && isScalarType(argumentType.ofType)) {
      if (argumentType.ofType.name === 'ID') return field.name;
    }
  }
  return null;
}

/** Adds `__typename` to every selection set, so abstract types resolve when the result is shaped. */
function withTypenames<T extends SelectionSetNode | FragmentDefinitionNode>(node: T): T {
  return visit(node, {
    SelectionSet(set) {
      const has = set.selections.some(
        (s) => s.kind === Kind.FIELD && s.name.value === '__typename' && s.alias === undefined,
      );
      if (has) return undefined;
      return {
        ...set,
        selections: [...set.selections, { kind: Kind.FIELD, name: name('__typename') }],
      };
    },
  });
}

function spreadNames(node: SelectionSetNode | FragmentDefinitionNode): string[] {
  const names: string[] = [];
  visit(node, {
    FragmentSpread(spread) {
      names.push(spread.name.value);
    },
  });
  return names;
}

function variableNames(nodes: readonly (FieldNode | FragmentDefinitionNode)[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(v) {
        names.add(v.name.value);
      },
    });
  }
  return names;
}

export interface PayloadQueryInput {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** The subscription field as the client selected it. */
  readonly rootField: FieldNode;
  readonly payloadType: GraphQLObjectType;
  /** Names of the payload's fields that hold entities (bound to ids by the event). */
  readonly entityFields: ReadonlySet<string>;
}

/**
 * Turns the client's selection of a subscription payload into one query: each entity field it
 * selected (also inside fragments) becomes a root field reading that entity by id, under the same
 * response name, with the client's sub-selection, fragments and variables. Returns null when the
 * selection holds no entity (the event alone answers it).
 */
export function buildPayloadQuery(input: PayloadQueryInput): PayloadQuery | null {
  const { schema, document, operation, payloadType } = input;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }

  const found: FieldNode[] = [];
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (input.entityFields.has(selection.name.value)) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        collect(fragments.get(selection.name.value)?.selectionSet);
      }
    }
  };
  collect(input.rootField.selectionSet);
  if (found.length === 0) return null;

  const entityFields = [...new Set(found.map((field) => field.name.value))];
  const rootFields: FieldNode[] = found.map((field) => {
    const fieldName = field.name.value;
    const type = getNamedType(payloadType.getFields()[fieldName]?.type);
    const queryField = type ? queryFieldFor(schema, type.name) : null;
    if (queryField === null) {
      throw new Error(`no root query field reads ${type?.name ?? fieldName} by id`);
    }
    return {
      kind: Kind.FIELD,
      alias: name(field.alias?.value ?? fieldName),
      name: name(queryField),
      arguments: [
        { kind: Kind.ARGUMENT, name: name('id'), value: variable(keyVariable(fieldName)) },
      ],
      directives: [
        ...(field.directives ?? []),
        {
          kind: Kind.DIRECTIVE,
          name: name('include'),
          arguments: [
            { kind: Kind.ARGUMENT, name: name('if'), value: variable(hasVariable(fieldName)) },
          ],
        },
      ],
      ...(field.selectionSet ? { selectionSet: withTypenames(field.selectionSet) } : {}),
    };
  });

  const usedFragments = new Map<string, FragmentDefinitionNode>();
  const pending = rootFields.flatMap((field) =>
    field.selectionSet ? spreadNames(field.selectionSet) : [],
  );
  while (pending.length > 0) {
    const fragmentName = pending.pop() ?? '';
    const fragment = fragments.get(fragmentName);
    if (fragment === undefined || usedFragments.has(fragmentName)) continue;
    usedFragments.set(fragmentName, withTypenames(fragment));
    pending.push(...spreadNames(fragment));
  }

  const used = variableNames([...rootFields, ...usedFragments.values()]);
  const clientDefinitions = (operation.variableDefinitions ?? []).filter((definition) =>
    used.has(definition.variable.name.value),
  );
  const gatewayDefinitions: VariableDefinitionNode[] = entityFields.flatMap((field) => [
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: variable(keyVariable(field)),
      type: namedType('ID', true),
    },
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: variable(hasVariable(field)),
      type: namedType('Boolean', true),
    },
  ]);
  const operationName = `${input.rootField.name.value}Payload`;
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: name(operationName),
        variableDefinitions: [...clientDefinitions, ...gatewayDefinitions],
        selectionSet: { kind: Kind.SELECTION_SET, selections: rootFields },
      },
      ...usedFragments.values(),
    ],
  };
  return {
    text: print(query),
    document: query,
    operationName,
    entityFields,
    clientVariables: clientDefinitions.map((definition) => definition.variable.name.value),
  };
}

/** The variables of a payload query for one event: the client's plus each entity's id. */
export function payloadVariables(
  query: PayloadQuery,
  clientVariables: Readonly<Record<string, unknown>>,
  keyOf: (field: string) => string | null,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const variableName of query.clientVariables) {
    if (variableName in clientVariables) variables[variableName] = clientVariables[variableName];
  }
  for (const field of query.entityFields) {
    const key = keyOf(field);
    variables[keyVariable(field)] = key ?? '';
    variables[hasVariable(field)] = key !== null;
  }
  return variables;
}
