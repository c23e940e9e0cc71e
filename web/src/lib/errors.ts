// GraphQL errors as the router sends them (code, field, requestId), and how forms read them.

export interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string; field?: string; requestId?: string; [key: string]: unknown };
}

/** A request that came back with GraphQL errors (or failed at the HTTP level). */
export class ApiError extends Error {
  readonly errors: GraphQLErrorEntry[];
  readonly status: number;
  constructor(errors: GraphQLErrorEntry[], status: number) {
    super(errors.map((e) => e.message).join(' ') || `Request failed (HTTP ${status}).`);
    this.name = 'ApiError';
    this.errors = errors;
    this.status = status;
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
  get requestId(): string | undefined {
    return this.errors.find((e) => e.extensions?.requestId)?.extensions?.requestId;
  }
}

/**
 * Server input errors by form field: `input.phones.0.number` → `phones.0.number` (react-hook-form's
 * path syntax). Errors without a field, or with a field outside `prefix`, are left to the banner.
 */
export function fieldErrors(error: unknown, prefix = 'input'): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.errors) {
    const field = e.extensions?.field;
    if (e.extensions?.code !== 'BAD_USER_INPUT' || typeof field !== 'string') continue;
    const path = field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
    if (!(path in out)) out[path] = e.message;
  }
  return out;
}

/** One line for a banner: the message, and the request id to quote to support. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const id = error.requestId;
    return id ? `${error.message} (request ${id})` : error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
