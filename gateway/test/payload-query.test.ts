import { fileURLToPath } from 'node:url';
import {
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { composeFromConfig, formatProblems } from '../src/composition.ts';
import {
  batchedPayloadQuery,
  batchedVariables,
  splitBatchResult,
} from '../src/subscriptions/payload-batch.ts';
import {
  buildPayloadQuery,
  payloadVariables,
  type PayloadQuery,
} from '../src/subscriptions/payload-query.ts';
import { subscriptionSchemaOf } from '../src/subscriptions/subscription-schema.ts';

let schema: GraphQLSchema;

beforeAll(async () => {
  const outcome = await composeFromConfig(
    fileURLToPath(new URL('../../supergraph.yaml', import.meta.url)),
  );
  if (!outcome.ok) throw new Error(formatProblems(outcome.errors));
  schema = subscriptionSchemaOf(outcome.apiSchema);
});

function payloadQueryOf(subscription: string): PayloadQuery {
  const document = parse(subscription);
  const operation = getOperationAST(document);
  const [rootField] = operation?.selectionSet.selections ?? [];
  if (!operation || rootField?.kind !== Kind.FIELD) throw new Error('no subscription field');
  const payloadType = getNamedType(
    schema.getSubscriptionType()?.getFields()[rootField.name.value]?.type,
  );
  if (!isObjectType(payloadType)) throw new Error('no payload type');
  const query = buildPayloadQuery({
    schema,
    document,
    operation,
    rootField,
    payloadType,
    entityFields: new Set(['inspection', 'lot', 'order', 'operation', 'plant']),
  });
  if (query === null) throw new Error('no payload query');
  return query;
}

const SUBSCRIPTION = /* GraphQL */ `
  subscription Watch($withParents: Boolean!) {
    inspectionFailed {
      cursor
      checked: inspection {
        number
      }
      ...Where
    }
  }
  fragment Where on InspectionFailedEvent {
    lot {
      number
      parents @include(if: $withParents) {
        lot {
          ...LotNumber
        }
      }
    }
  }
  fragment LotNumber on Lot {
    number
  }
`;

describe('the payload query of a subscription', () => {
  it('reads each selected entity by id under its response name, with the fragments and variables it uses', () => {
    const query = payloadQueryOf(SUBSCRIPTION);
    expect(validate(schema, query.document)).toEqual([]);
    expect([...query.entityFields].sort()).toEqual(['inspection', 'lot']);
    expect(query.clientVariables).toEqual(['withParents']);
    expect(query.text).toContain('checked: inspection(id: $_pgKey_inspection)');
    expect(query.text).toContain('lot: lot(id: $_pgKey_lot) @include(if: $_pgHas_lot)');
    expect(query.text).toContain('fragment LotNumber on Lot');
    expect(query.text).not.toContain('fragment Where');
    const variables = payloadVariables(query, { withParents: true, unused: 1 }, (field) =>
      field === 'lot' ? 'lot-1' : null,
    );
    expect(variables).toEqual({
      withParents: true,
      _pgKey_inspection: '',
      _pgHas_inspection: false,
      _pgKey_lot: 'lot-1',
      _pgHas_lot: true,
    });
  });

  it('reads several events in one operation and splits the result back per event', () => {
    const query = payloadQueryOf(SUBSCRIPTION);
    const batch = batchedPayloadQuery(query, 2);
    expect(validate(schema, batch.document)).toEqual([]);
    expect(batch.text).toContain('e0_checked: inspection(id: $_pgKey_inspection_0)');
    expect(batch.text).toContain('e1_lot: lot(id: $_pgKey_lot_1) @include(if: $_pgHas_lot_1)');
    expect(batchedPayloadQuery(query, 2)).toBe(batch);
    expect(
      batchedVariables([
        { withParents: false, _pgKey_lot: 'a' },
        { withParents: false, _pgKey_lot: 'b' },
      ]),
    ).toEqual({ withParents: false, _pgKey_lot_0: 'a', _pgKey_lot_1: 'b' });

    const [first, second] = splitBatchResult(
      {
        data: { e0_checked: { number: 'I-1' }, e1_checked: { number: 'I-2' }, e1_lot: null },
        errors: [
          { message: 'genealogy is down', path: ['e1_lot'], extensions: { code: 'X' } },
          { message: 'everyone', extensions: { code: 'Y' } },
        ],
      },
      2,
    );
    expect(first).toEqual({
      data: { checked: { number: 'I-1' } },
      errors: [{ message: 'everyone', extensions: { code: 'Y' } }],
    });
    expect(second).toEqual({
      data: { checked: { number: 'I-2' }, lot: null },
      errors: [
        { message: 'genealogy is down', path: ['lot'], extensions: { code: 'X' } },
        { message: 'everyone', extensions: { code: 'Y' } },
      ],
    });
  });
});
