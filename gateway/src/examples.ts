/** A saved operation: a GraphiQL tab in the IDE, a README example, a test fixture. */
export interface ExampleOperation {
  /** What the operation answers, for people. */
  readonly name: string;
  /** One named operation, valid against the composed supergraph's API schema. */
  readonly query: string;
  /** Variables that find something in the demo data the seeder loads (see packages/seed DEMO). */
  readonly variables: Readonly<Record<string, string | number | boolean | null>>;
}

const lotAcrossSystems: ExampleOperation = {
  name: 'Lot across systems',
  query: /* GraphQL */ `
    # One lot as ERP, MES, quality and genealogy see it, with the item revision
    # in effect at a date (leave asOf out for now).
    query LotAcrossSystems($number: String!, $asOf: DateTime) {
      lotByNumber(number: $number) {
        number
        quantity {
          value
          uom
        }
        origin
        item {
          number
          description
          revisionAt(asOf: $asOf) {
            revision
            changeNumber
            effectiveFrom
          }
        }
        qualityStatus
        inspections {
          number
          type
          status
          inspectedAt
          results {
            characteristic {
              code
              name
              lowerLimit
              upperLimit
              uom
            }
            measured
            verdict
          }
        }
        producedBy {
          number
          status
          item {
            number
          }
          operations {
            sequence
            operationCode
            status
            goodQuantity {
              value
              uom
            }
          }
        }
        parents {
          quantity {
            value
            uom
          }
          lot {
            number
            item {
              number
              description
            }
            supplier {
              name
            }
            supplierLotNumber
            qualityStatus
          }
        }
      }
    }
  `,
  variables: { number: 'L2607-0286', asOf: '2026-07-01T00:00:00Z' },
};

const ordersByStatus: ExampleOperation = {
  name: 'Orders by status',
  query: /* GraphQL */ `
    # Production orders in one status, with the item revision pinned at release
    # and the shop floor's progress on each operation.
    query OrdersByStatus($status: OrderStatus!, $first: Int = 20) {
      orders(status: $status, first: $first) {
        nodes {
          number
          status
          dueDate
          plant {
            code
            name
          }
          plannedQuantity {
            value
            uom
          }
          item {
            number
            description
          }
          pinnedItemRevision {
            revision
            changeNumber
            effectiveFrom
          }
          execution {
            status
            goodQuantity {
              value
              uom
            }
            scrapQuantity {
              value
              uom
            }
          }
          operations {
            sequence
            operationCode
            workCenter
            status
            goodQuantity {
              value
              uom
            }
            scrapQuantity {
              value
              uom
            }
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  `,
  variables: { status: 'IN_PROGRESS', first: 20 },
};

const openNonconformances: ExampleOperation = {
  name: 'Open nonconformances',
  query: /* GraphQL */ `
    # Open nonconformances, newest first, with the lot, its item and its supplier.
    query OpenNonconformances($status: NonconformanceStatus = OPEN, $first: Int = 20) {
      nonconformances(status: $status, first: $first) {
        nodes {
          number
          severity
          status
          description
          raisedAt
          inspection {
            number
            type
            status
          }
          lot {
            number
            origin
            qualityStatus
            quantity {
              value
              uom
            }
            item {
              number
              description
            }
            supplier {
              code
              name
              country
            }
            supplierLotNumber
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  `,
  variables: { status: 'OPEN', first: 20 },
};

const bomAndRoutingAsOf: ExampleOperation = {
  name: 'BOM and routing in effect at a date',
  query: /* GraphQL */ `
    # The engineering revision of an item in effect at a date, with its BOM
    # (quantities also in each component's base unit) and its routing.
    query BomAndRoutingAsOf($itemNumber: String!, $asOf: DateTime) {
      itemByNumber(number: $itemNumber) {
        number
        description
        baseUom
        revisionAt(asOf: $asOf) {
          revision
          changeNumber
          status
          effectiveFrom
          effectiveTo
          bom {
            revision
            baseQuantity {
              value
              uom
            }
            lines {
              lineNumber
              component {
                number
                description
              }
              quantity {
                value
                uom
              }
              quantityInBaseUnit {
                value
                uom
              }
            }
          }
          routing {
            revision
            steps {
              sequence
              operationCode
              description
              workCenter
              standardMinutes
              requiresInspection
            }
          }
        }
      }
    }
  `,
  variables: { itemNumber: 'FG-1000', asOf: '2026-05-15T12:00:00Z' },
};

const plantsAndSuppliers: ExampleOperation = {
  name: 'Plants and suppliers',
  query: /* GraphQL */ `
    # ERP master data: every plant and supplier. The other tabs hold saved
    # operations across ERP, MES, quality and genealogy; Ctrl-Enter runs the open one.
    query PlantsAndSuppliers {
      plants {
        code
        name
        timezone
      }
      suppliers {
        code
        name
        country
      }
    }
  `,
  variables: {},
};

/**
 * The IDE's saved tabs, in the order they open. The first opens without variables: GraphiQL fills
 * the variables editor of the tab it opens on from nothing, and those of the others on switching.
 */
export const EXAMPLES: readonly ExampleOperation[] = [
  plantsAndSuppliers,
  lotAcrossSystems,
  ordersByStatus,
  openNonconformances,
  bomAndRoutingAsOf,
];
