import { buildSchema, printSchema, type GraphQLSchema } from 'graphql';

/**
 * The schema subscriptions are validated and shaped against: a copy of the supergraph's API
 * schema, kept next to it. A copy, because Apollo Server instruments the fields of the schema it
 * serves with resolvers of its own, and subscription results are shaped with the gateway's.
 */
export function subscriptionSchemaOf(apiSchema: GraphQLSchema): GraphQLSchema {
  return buildSchema(printSchema(apiSchema));
}
