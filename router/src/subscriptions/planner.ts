// Planning and per-event execution of subscriptions, on @apollo/query-planner and @apollo/gateway's
// exported executeQueryPlan (both pinned to 2.14.4; this use is not documented upstream and is
// covered by router/test/subscriptions-planner.test.ts).
//
// The planner turns a subscription into `SubscriptionNode { primary, rest? }`: `primary` is the
// operation to run on the subgraph that owns the root field, `rest` fetches what other subgraphs own
// (`_entities`). The gateway refuses to execute such a plan, so for every upstream event the router
// runs `Sequence [eventFetch, rest]`, where `eventFetch` is `primary` pointed at a data source that
// answers with the event itself. The rest then runs exactly like a query's fetches: through the
// router's data sources, with the subscriber's token, and the result is shaped by the gateway.
import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSource,
  type ServiceMap,
} from '@apollo/gateway';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import type { RouterContext } from '../request-context.ts';

/** The service name the event "fetch" is routed to; not a subgraph name (those are lower-case words). */
const EVENT_SERVICE = '__subscription_event__';

export interface SubscriptionPlan {
  /** The subgraph that owns the root field. */
  subgraph: string;
  /** What to send it over graphql-ws. */
  query: string;
  /** The variables of the client's operation the upstream operation uses. */
  variableUsages: string[];
  /** Runs `rest` for one upstream event's data; returns the client's result. */
  resolve(
    eventData: Record<string, unknown>,
    variables: Record<string, unknown>,
    context: RouterContext,
  ): Promise<ExecutionResult>;
}

export interface SubscriptionPlanner {
  /** The client-facing schema (validation). */
  apiSchema: GraphQLSchema;
  plan(document: DocumentNode, operationName: string | undefined): SubscriptionPlan;
}

export function createSubscriptionPlanner(
  sdl: string,
  dataSources: Record<string, GraphQLDataSource<RouterContext>>,
): SubscriptionPlanner {
  const supergraph = Supergraph.build(sdl);
  const api: Schema = supergraph.apiSchema();
  const apiSchema = api.toGraphQLJSSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);

  return {
    apiSchema,
    plan(document, operationName) {
      const operation = operationFromDocument(api, document, { operationName });
      const queryPlan = planner.buildQueryPlan(operation);
      const node = queryPlan.node;
      if (node?.kind !== 'Subscription') {
        throw new Error('not a subscription plan');
      }
      const primary: FetchNode = node.primary;
      const eventFetch: FetchNode = { ...primary, serviceName: EVENT_SERVICE };
      const eventPlan: QueryPlan = {
        kind: 'QueryPlan',
        node: node.rest
          ? { kind: 'Sequence', nodes: [eventFetch, node.rest as PlanNode] }
          : eventFetch,
      };
      const operationContext = buildOperationContext({
        schema: apiSchema,
        operationDocument: document,
        operationName,
      });
      return {
        subgraph: primary.serviceName,
        query: primary.operation,
        variableUsages: primary.variableUsages ?? [],
        async resolve(eventData, variables, context) {
          const services: ServiceMap = {
            ...dataSources,
            [EVENT_SERVICE]: { process: async () => ({ data: eventData }) },
          };
          // The parts of Apollo Server's request context that executeQueryPlan reads.
          const requestContext = {
            request: { variables, operationName },
            context,
            document,
            operationName: operationName ?? null,
            metrics: {},
            logger: undefined,
          };
          const result = await executeQueryPlan(
            eventPlan,
            services,
            requestContext as unknown as Parameters<typeof executeQueryPlan>[2],
            operationContext,
            supergraphSchema,
            api,
          );
          return result as ExecutionResult;
        },
      };
    },
  };
}
