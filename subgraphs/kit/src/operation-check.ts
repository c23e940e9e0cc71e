// Parse, validate, authorize and screen one operation that arrives outside Apollo Server (over
// graphql-ws): the same checks HTTP gets, with the same typed errors (BAD_USER_INPUT for a token count
// over the cap, parse/validation and bad input values — NUL bytes, oversize strings, hex decimals —
// and the authorization directives' UNAUTHENTICATED/FORBIDDEN).
import {
  GraphQLError,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { AppError } from './errors.ts';
import { assertOperationAccess } from './authz.ts';
import { screenOperationInputs } from './input-screen.ts';
import type { Principal } from './tokens.ts';

export interface CheckedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

export interface OperationPayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * Most lexical tokens a subgraph parses (HTTP and WebSocket). The router refuses more than its own
 * cap (5,000 by default) first; a query plan's fetch adds key fields and `__typename` to what the
 * client sent, so the subgraph's cap is twice that. Only the router reaches a subgraph (secret), so
 * this is defence in depth against a document that reaches it another way.
 */
export const SUBGRAPH_MAX_TOKENS = 10_000;

/**
 * `schema` validates the document (the client-facing schema); `authzSchema` carries the
 * authorization directives (in a subgraph the same schema; in the router the supergraph's).
 */
export function checkOperation(
  schema: GraphQLSchema,
  authzSchema: GraphQLSchema,
  payload: OperationPayload,
  principal: Principal | undefined,
  options: { maxTokens?: number } = {},
): CheckedOperation | GraphQLError[] {
  let document: DocumentNode;
  if (typeof payload.query !== 'string' || !payload.query) {
    return [new AppError('BAD_USER_INPUT', 'Send the operation text (query).')];
  }
  try {
    document = parse(payload.query, { maxTokens: options.maxTokens ?? SUBGRAPH_MAX_TOKENS });
  } catch (error) {
    return [new AppError('BAD_USER_INPUT', `Syntax error: ${(error as Error).message}`)];
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    return invalid.map(
      (e) =>
        new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }),
    );
  }
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) {
    return [new AppError('BAD_USER_INPUT', 'Name the operation to run (operationName).')];
  }
  try {
    assertOperationAccess(authzSchema, document, operation, principal);
    screenOperationInputs(authzSchema, document, operation, payload.variables ?? undefined);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return { document, operation };
}
