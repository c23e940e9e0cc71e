// Error normalization shared by the subgraphs and the router: one code vocabulary, the request id on
// every error, and no internals (messages of unexpected errors, stack traces) outside development.
import type { GraphQLFormattedError } from 'graphql';
import { isKnownCode, type ErrorCode } from './errors.ts';

// Apollo Server's own codes mapped onto ours.
const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'BAD_USER_INPUT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_USER_INPUT',
  OPERATION_RESOLUTION_FAILURE: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_FOUND: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_SUPPORTED: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
};

export interface FormatOptions {
  requestId: string;
  development: boolean;
}

export function normalizeFormattedError(
  formatted: GraphQLFormattedError,
  { requestId, development }: FormatOptions,
): GraphQLFormattedError {
  const ext = { ...(formatted.extensions ?? {}) };
  const raw = ext.code;
  const code: ErrorCode = isKnownCode(raw)
    ? raw
    : typeof raw === 'string' && APOLLO_CODES[raw]
      ? APOLLO_CODES[raw]
      : 'INTERNAL';
  const message =
    code === 'INTERNAL' && !development
      ? 'Internal error; quote the request id to support.'
      : formatted.message;
  if (!development) delete ext.stacktrace;
  // The gateway nests the subgraph's error under serviceName etc.; keep only stable keys outside dev.
  if (!development) delete ext.serviceName;
  return { ...formatted, message, extensions: { ...ext, code, requestId } };
}
