import type { CodegenConfig } from '@graphql-codegen/cli';

type Mappers = Record<string, string>;

/** Resolver types for one subgraph: federation mode, its context, and its entity mappers. */
function subgraph(name: string, contextType: string, mappers: Mappers): CodegenConfig['generates'] {
  return {
    [`subgraphs/${name}/src/__generated__/resolvers-types.ts`]: {
      schema: `subgraphs/${name}/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: `../context.ts#${contextType}`,
        mappers,
        mapperTypeSuffix: 'Model',
        scalars: {
          DateTime: { input: 'Date', output: 'Date | string' },
          Date: { input: 'string', output: 'string' },
          Decimal: { input: 'string', output: 'string' },
        },
      },
    },
  };
}

const config: CodegenConfig = {
  overwrite: true,
  hooks: {},
  generates: {
    ...subgraph('erp', 'ErpContext', {
      Plant: '../domain/plant.ts#Plant',
      Supplier: '../domain/supplier.ts#Supplier',
      Item: '../domain/item.ts#Item',
      ItemRevision: '../domain/item-revision.ts#ItemRevision',
      Bom: '../domain/bom.ts#Bom',
      BomLine: '../domain/bom.ts#BomLine',
      Routing: '../domain/routing.ts#Routing',
      Order: '../domain/order.ts#Order',
      Lot: '../domain/batch.ts#LotBatch',
      ItemConnection: '../domain/item.ts#ItemConnection',
      OrderConnection: '../domain/order.ts#OrderConnection',
    }),
  },
};

export default config;
