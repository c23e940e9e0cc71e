// The one way the app talks to the API: every generated hook calls fetchGraphQL. It adds the
// in-memory access token, retries once after a silent refresh when the token was refused, and sends
// the user to sign-in (remembering the page) when the session is gone — not when the server is merely
// unreachable (then the error has status 0 and reads are retried).
import { isUnreachableStatus, markConnection } from './connection.ts';
import { ApiError, type GraphQLErrorEntry } from './errors.ts';
import { currentAccessToken, refreshSession, session, sessionExpired } from './session.ts';

const LOST = 'Connection lost — retrying.';

async function post(query: string, variables: unknown, token: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: 'same-origin',
    });
  } catch {
    markConnection(false);
    throw new ApiError([{ message: LOST }], 0);
  }
  markConnection(!isUnreachableStatus(res.status));
  let body: { data?: unknown; errors?: GraphQLErrorEntry[] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = { errors: [{ message: `The server answered HTTP ${res.status}.` }] };
  }
  return { status: res.status, body };
}

const isUnauthenticated = (status: number, errors?: GraphQLErrorEntry[]) =>
  status === 401 || Boolean(errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));

export async function requestGraphQL<TData, TVariables>(
  query: string,
  variables?: TVariables,
): Promise<TData> {
  let result = await post(query, variables, currentAccessToken());
  if (isUnauthenticated(result.status, result.body.errors)) {
    const token = await refreshSession();
    // The refresh could not reach the server: still signed in as far as we know, try again later.
    if (!token && session.getState().status !== 'signedOut')
      throw new ApiError([{ message: LOST }], 0);
    if (!token) {
      sessionExpired();
      throw new ApiError(result.body.errors ?? [{ message: 'Your session ended.' }], 401);
    }
    result = await post(query, variables, token);
  }
  if (result.body.errors?.length || result.status >= 400)
    throw new ApiError(result.body.errors ?? [], result.status);
  return result.body.data as TData;
}

/**
 * The fetcher shape GraphQL Code Generator's react-query plugin expects (documents arrive as
 * TypedDocumentString, a String subclass; per-call headers are not used by the app).
 */
export function fetchGraphQL<TData, TVariables>(
  document: string | { toString(): string },
  variables?: TVariables,
  _headers?: RequestInit['headers'],
) {
  const query = String(document);
  return () => requestGraphQL<TData, TVariables>(query, variables);
}
