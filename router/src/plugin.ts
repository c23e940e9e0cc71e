// The router's Apollo Server plugin. didResolveOperation runs after parsing and validation and
// before the gateway plans or calls anything, so limits and authorization refuse an operation while
// no subgraph has seen it.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import {
  assertOperationAccess,
  isKnownCode,
  screenOperationInputs,
  type Principal,
} from '@autolytiq/kit/core';
import type { OperationLimits } from './config.ts';
import { assertWithinLimits, operationMeasurer } from './limits.ts';
import type { RateLimiter } from './rate-limit.ts';
import { assertLoginAllowed } from './rate-limit-http.ts';
import type { RouterContext } from './request-context.ts';

// HTTP statuses of refusals before execution (the body is a GraphQL errors document either way).
const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
};

export function routerPlugin(options: {
  /** The supergraph schema WITH our directives (not the gateway's API schema). */
  authzSchema: GraphQLSchema;
  limits: OperationLimits;
  /** Counts sign-in attempts per client IP; absent = no rate limits. */
  limiter?: RateLimiter;
}): ApolloServerPlugin<RouterContext> {
  const { authzSchema, limits, limiter } = options;
  const measureOperation = operationMeasurer(authzSchema, limits.defaultListSize);
  // Apollo Server reuses one DocumentNode per distinct query text, and the decision depends only on
  // the operation and the caller's permissions, so allowed combinations are remembered (≈ 50 µs saved
  // per request). Refusals are not cached; they throw every time.
  const allowed = new WeakMap<DocumentNode, Set<string>>();
  const checkAccess = (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    principal: Principal | undefined,
  ) => {
    // A limited sign-in (enrollment only) is decided apart from a full one with the same permissions.
    const who = principal
      ? `${principal.limitedTo ?? ''}\0${principal.permissions.join(',')}`
      : '\0anonymous';
    const key = `${operation.name?.value ?? ''}\0${who}`;
    const seen = allowed.get(document);
    if (seen?.has(key)) return;
    assertOperationAccess(authzSchema, document, operation, principal);
    if (seen) {
      if (seen.size < 64) seen.add(key);
    } else allowed.set(document, new Set([key]));
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          // graphql-js's own words; without this the gateway throws a plain Error (HTTP 500).
          if (!operation) throw unresolvedOperation(document, request.operationName);
          if (operation.operation === 'subscription') return; // the gateway refuses those
          if (!contextValue.principal && asksForSchema(document)) {
            throw withHttpStatus(
              new GraphQLError('Sign in to read the schema.', {
                extensions: { code: 'UNAUTHENTICATED' },
              }),
            );
          }
          // Measured against our own supergraph schema, not the gateway's: the gateway is CommonJS and
          // may hold another instance of graphql-js (vitest loads the ESM build for our code), and
          // graphql's instanceof-based predicates fail across instances.
          const measure = measureOperation(document, operation, request.variables);
          assertWithinLimits(measure, limits);
          await assertLoginAllowed(limiter, document, operation, contextValue.clientIp);
          try {
            checkAccess(document, operation, contextValue.principal);
          } catch (error) {
            throw withHttpStatus(error);
          }
          // NUL bytes, huge strings, hex or unbounded decimals, impossible date-times: refused here,
          // naming the field, instead of becoming INTERNAL deep inside a subgraph.
          screenOperationInputs(authzSchema, document, operation, request.variables);
        },
        // Unexpected errors reach clients as "Internal error"; the log line keeps what happened.
        async didEncounterErrors({ errors, contextValue }) {
          const internal = errors.filter((e) => !isClientError(e.extensions.code));
          if (internal.length === 0) return;
          contextValue.report.internalErrors = internal.map((e) => ({
            message: e.message,
            path: e.path,
            serviceName: e.extensions.serviceName,
          }));
        },
        async willSendResponse({ response, operationName, request, contextValue }) {
          const errors =
            response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          contextValue.report.operationName = operationName ?? request.operationName ?? undefined;
          contextValue.report.errorCodes = errors.map((e) =>
            String(e.extensions?.code ?? 'INTERNAL'),
          );
        },
      };
    },
  };
}

// Codes that normalizeFormattedError keeps or maps to BAD_USER_INPUT; everything else is INTERNAL.
function isClientError(code: unknown): boolean {
  if (isKnownCode(code)) return code !== 'INTERNAL';
  return (
    typeof code === 'string' && /^(GRAPHQL_|BAD_|PERSISTED_QUERY_|OPERATION_RESOLUTION_)/.test(code)
  );
}

function unresolvedOperation(document: DocumentNode, name: string | undefined): GraphQLError {
  const message = name
    ? `Unknown operation named "${name.slice(0, 100)}".`
    : document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)
      ? 'Must provide operation name if query contains multiple operations.'
      : 'The document contains no operation.';
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', field: 'operationName', http: { status: 400 } },
  });
}

/** `__schema` or `__type` anywhere (fragments included): the schema is for signed-in callers. */
function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function withHttpStatus(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const status = STATUS_BY_CODE[String(error.extensions.code)];
  if (!status) return error;
  // RFC 9110: a 401 says which scheme would work.
  const headers = new HeaderMap(status === 401 ? [['www-authenticate', 'Bearer']] : []);
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status, headers } },
  });
}
