// Apollo Server plugin shared by every subgraph: enforces the authorization directives on the whole
// operation before any resolver runs, normalizes errors (code + request id), and writes one log line
// and the metrics for each operation.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { assertOperationAccess } from './authz.ts';
import type { RequestContext } from './context.ts';
import { normalizeFormattedError } from './format-error.ts';
import type { ServerMetrics } from './metrics.ts';

export function operationPlugin(options: {
  schema: () => GraphQLSchema;
  metrics: ServerMetrics;
  development: boolean;
}): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          assertOperationAccess(options.schema(), document, operation, contextValue.principal);
        },
        async willSendResponse({ response, contextValue, operationName }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          if (body.kind === 'single' && errors) {
            body.singleResult.errors = errors.map((e) =>
              normalizeFormattedError(e, {
                requestId: contextValue.requestId,
                development: options.development,
              }),
            );
          }
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (body.kind === 'single' ? body.singleResult.errors : undefined)?.map(
            (e) => e.extensions?.code as string,
          );
          const operation = operationName ?? 'anonymous';
          options.metrics.operations.inc({ operation, outcome: codes?.[0] ?? 'ok' });
          options.metrics.duration.observe({ operation }, durationMs / 1000);
          contextValue.logger.info(
            {
              operationName: operation,
              durationMs: Math.round(durationMs * 1000) / 1000,
              ...(codes ? { errorCodes: codes } : {}),
            },
            'operation',
          );
        },
      };
    },
  };
}
