// Apollo Server plugin shared by every subgraph: enforces the authorization directives on the whole
// operation before any resolver runs, normalizes errors (code + request id), and writes one log line
// and the metrics for each operation.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { assertOperationAccess } from './authz.ts';
import { isKnownCode } from './errors.ts';
import { screenOperationInputs } from './input-screen.ts';
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
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return; // Apollo Server answers that itself (400)
          try {
            assertOperationAccess(options.schema(), document, operation, contextValue.principal);
            screenOperationInputs(options.schema(), document, operation, request.variables);
          } catch (error) {
            // Without a status Apollo Server answers a refusal here with HTTP 500.
            throw withHttpStatus(error);
          }
        },
        // The client sees "Internal error" and a request id; the log gets what actually happened.
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isKnownCode(code) && code !== 'INTERNAL') continue;
            if (typeof code === 'string' && /^(GRAPHQL_|BAD_)/.test(code)) continue;
            contextValue.logger.error(
              { err: error.originalError ?? error, path: error.path },
              'internal error',
            );
          }
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

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
};

function withHttpStatus(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const status = STATUS_BY_CODE[String(error.extensions.code)];
  if (!status) return error;
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status } },
  });
}
