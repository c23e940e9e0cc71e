// Asks the supergraph through the router AS THE CALLER (their own bearer token, never a service
// token): every tool sees exactly what the user may see, and a missing permission comes back as the
// owning subgraph's FORBIDDEN.
import { AppError, isKnownCode, isUnavailableError, type ErrorCode } from '@autolytiq/kit/core';

export interface Caller {
  token: string;
  requestId: string;
  userId: string;
  dealershipId: string;
  permissions: readonly string[];
}

export interface GraphClient {
  request<T>(caller: Caller, query: string, variables?: object): Promise<T>;
}

/** A graph error as the tool reports it (code + message from the owning subgraph). */
export class GraphError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function createGraphClient(graphqlUrl: string, timeoutMs = 10_000): GraphClient {
  return {
    async request<T>(caller: Caller, query: string, variables: object = {}): Promise<T> {
      let response: Response;
      try {
        response = await fetch(graphqlUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${caller.token}`,
            'x-request-id': caller.requestId,
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // The router is down or restarting: a state the assistant can tell the user to retry after,
        // not a fault of ours (INTERNAL).
        if (isUnavailableError(error))
          throw new GraphError('SERVICE_UNAVAILABLE', 'The router is unavailable right now.');
        throw new GraphError('INTERNAL', `The graph could not be reached (${String(error)}).`);
      }
      const body = (await response.json().catch(() => ({}))) as {
        data?: T;
        errors?: { message: string; extensions?: { code?: unknown } }[];
      };
      const error = body.errors?.[0];
      if (error) {
        const code = error.extensions?.code;
        throw new GraphError(isKnownCode(code) ? code : 'INTERNAL', error.message);
      }
      if (!body.data)
        throw new GraphError('INTERNAL', `The graph answered HTTP ${response.status}.`);
      return body.data;
    },
  };
}

/** A GraphError or AppError's code (anything else is INTERNAL). */
export function codeOf(error: unknown): ErrorCode {
  if (error instanceof GraphError) return error.code;
  if (error instanceof AppError) {
    const code = error.extensions.code;
    return isKnownCode(code) ? code : 'INTERNAL';
  }
  return 'INTERNAL';
}
