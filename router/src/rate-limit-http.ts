// Where the rate limits meet HTTP and GraphQL: the check counting every /graphql request
// (after the token is verified, so a user is counted as a user), and the check the router plugin makes
// for sign-in attempts once the operation is known.
import type { ServerResponse } from 'node:http';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { HeaderMap } from '@apollo/server';
import { RATE_LIMIT_MESSAGES, type LimitDecision, type RateLimiter } from './rate-limit.ts';
import { errorBody, sendJson, type RequestLocals, type RouterContext } from './request-context.ts';

export { createRateLimiter } from './rate-limit.ts';

/**
 * Counts the request against the caller's limits. Over a limit → HTTP 429 with Retry-After is sent
 * and false returned (nothing else runs).
 */
export async function checkRequestLimits(
  limiter: RateLimiter | undefined,
  res: ServerResponse,
  l: RequestLocals,
  context: RouterContext,
  development: boolean,
): Promise<boolean> {
  if (!limiter) return true;
  const decision = await limiter.request({
    userId: context.principal?.userId,
    dealershipId: context.principal?.dealershipId,
    ip: context.clientIp,
  });
  if (decision.allowed) return true;
  const error = rateLimitedError(decision);
  l.errorCodes = ['RATE_LIMITED'];
  sendJson(res, 429, errorBody(error.toJSON(), l.requestId, development), {
    'retry-after': String(decision.retryAfterSeconds),
  });
  return false;
}

/** For the router plugin: a mutation that signs in counts against the per-IP sign-in limit. */
export async function assertLoginAllowed(
  limiter: RateLimiter | undefined,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  clientIp: string,
): Promise<void> {
  if (!limiter || operation.operation !== 'mutation') return;
  if (!rootFieldNames(document, operation.selectionSet).has('login')) return;
  const decision = await limiter.login(clientIp);
  if (decision.allowed) return;
  const error = rateLimitedError(decision);
  throw new GraphQLError(error.message, {
    extensions: {
      ...error.extensions,
      http: {
        status: 429,
        headers: new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]),
      },
    },
  });
}

export function rateLimitedError(decision: LimitDecision): GraphQLError {
  return new GraphQLError(RATE_LIMIT_MESSAGES[decision.limit ?? 'ip']!, {
    extensions: {
      code: 'RATE_LIMITED',
      limit: decision.limit,
      retryAfterSeconds: decision.retryAfterSeconds,
    },
  });
}

/** Root field names of an operation, through inline fragments and fragment spreads. */
function rootFieldNames(document: DocumentNode, selectionSet: SelectionSetNode): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = document.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return names;
}
