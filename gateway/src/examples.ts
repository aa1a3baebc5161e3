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

const genealogyTrace: ExampleOperation = {
  name: 'Genealogy trace',
  query: /* GraphQL */ `
    # Everything that went into a lot (BACKWARD) or everything it went into (FORWARD),
    # up to maxDepth links away, with what ERP, MES and quality say about every lot.
    # asOf leaves out links recorded later; truncated says when the limit cut it short.
    query GenealogyTrace(
      $lotNumber: String!
      $direction: TraceDirection!
      $maxDepth: Int = 10
      $asOf: DateTime
    ) {
      trace(lotNumber: $lotNumber, direction: $direction, maxDepth: $maxDepth, asOf: $asOf) {
        depth
        truncated
        truncatedBy
        nodes {
          depth
          lot {
            id
            number
            origin
            item {
              number
              description
              type
            }
            quantity {
              value
              uom
            }
            qualityStatus
            supplier {
              name
            }
            supplierLotNumber
            producedBy {
              number
              status
            }
          }
        }
        edges {
          parentId
          childId
          quantity {
            value
            uom
          }
          order {
            number
          }
          linkedAt
        }
      }
    }
  `,
  variables: { lotNumber: 'L2607-0286', direction: 'BACKWARD', maxDepth: 10 },
};

const recallImpact: ExampleOperation = {
  name: 'Recall impact',
  query: /* GraphQL */ `
    # A recall from a supplier's lot number: the finished lots made from it, the orders
    # that made them, their quality status, and the customers they shipped to.
    query RecallImpact($supplierLotNumber: String!, $first: Int = 20) {
      recallImpact(supplierLotNumber: $supplierLotNumber) {
        sourceLots {
          number
          item {
            number
          }
          supplier {
            name
          }
        }
        summary {
          lotsReached
          finishedLots
          orders
          finishedQuantities {
            value
            uom
          }
          truncated
        }
        finishedGoods {
          lots(first: $first) {
            nodes {
              number
              item {
                number
              }
              qualityStatus
              producedBy {
                number
              }
              shipments {
                quantity {
                  value
                  uom
                }
                shipment {
                  number
                  shippedAt
                  customer {
                    name
                  }
                }
              }
            }
            pageInfo {
              endCursor
              hasNextPage
            }
          }
          customers {
            customer {
              code
              name
              country
            }
            shipments {
              number
              shippedAt
            }
            quantities {
              value
              uom
            }
          }
          shipmentSummary {
            customers
            shipments
            shippedLots
            shippedQuantities {
              value
              uom
            }
          }
        }
      }
    }
  `,
  variables: { supplierLotNumber: 'AR-2614782', first: 20 },
};

const genealogyCompleteness: ExampleOperation = {
  name: 'Genealogy completeness',
  query: /* GraphQL */ `
    # A plant's genealogy completeness over a date range, and one order's check in detail:
    # every lot-tracked BOM line consumed with lots, within tolerance of BOM x produced.
    query GenealogyCompleteness(
      $plantId: ID!
      $from: DateTime!
      $to: DateTime!
      $orderNumber: String!
    ) {
      genealogyCompleteness(plantId: $plantId, from: $from, to: $to) {
        ordersChecked
        ordersComplete
        score
        lineScore
        gaps(first: 20) {
          nodes {
            kind
            order {
              number
            }
            component {
              number
            }
            message
          }
        }
      }
      orderByNumber(number: $orderNumber) {
        number
        genealogyCompleteness {
          score
          complete
          lines {
            lineNumber
            component {
              number
              tracking
            }
            expectedQuantity {
              value
              uom
            }
            consumedQuantity {
              value
              uom
            }
            status
          }
        }
      }
    }
  `,
  variables: {
    plantId: 'plant-lyon',
    from: '2026-01-01T00:00:00Z',
    to: '2026-12-01T00:00:00Z',
    orderNumber: 'PO-100209',
  },
};

const inspectionFailures: ExampleOperation = {
  name: 'Failed inspections as they happen',
  query: /* GraphQL */ `
    # A subscription: runs until stopped, one result per failed inspection. Each result
    # reads the graph when it is delivered: the inspection (quality), its lot and parents
    # (genealogy), the order and its item revision (ERP), the operation (MES).
    # Set $after to the cursor of the last result to get what was missed first.
    subscription InspectionFailures($plant: ID, $after: String) {
      inspectionFailed(plant: $plant, after: $after) {
        cursor
        time
        correlationId
        plant {
          name
        }
        inspection {
          number
          type
          results {
            characteristic {
              code
              upperLimit
              uom
            }
            measured
            verdict
          }
        }
        nonconformance {
          number
          severity
        }
        lot {
          number
          qualityStatus
          item {
            number
          }
          parents {
            lot {
              number
              supplier {
                name
              }
            }
          }
        }
        order {
          number
          status
          pinnedItemRevision {
            revision
          }
        }
        operation {
          sequence
          operationCode
          status
        }
      }
    }
  `,
  variables: { plant: null, after: null },
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
  genealogyTrace,
  recallImpact,
  genealogyCompleteness,
  inspectionFailures,
];
