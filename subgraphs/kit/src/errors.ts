// Typed errors: every error that reaches a client carries one of these codes and the request id.
import { GraphQLError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  // A service this answer depends on (a subgraph, its database) cannot be reached right now:
  // `extensions.service` names it; retrying later is expected to work (unavailable.ts).
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  /** The input field at fault, for BAD_USER_INPUT (dotted path: "input.username"). */
  field?: string;
  /** Extra machine-readable details (allowed states, limits...). */
  details?: Record<string, unknown>;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, {
      extensions: {
        code,
        ...(options.field ? { field: options.field } : {}),
        ...(options.details ?? {}),
      },
    });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'You must be signed in.') =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message: string, details?: Record<string, unknown>) =>
  new AppError('FORBIDDEN', message, { details });
export const badInput = (field: string, message: string, details?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', message, { field, details });
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const rateLimited = (message: string, details?: Record<string, unknown>) =>
  new AppError('RATE_LIMITED', message, { details });

export function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * An error a pure library throws for bad input, naming the field at fault — the calc engine's
 * `CalcInputError` and `DealMappingError` are such. Recognised by shape (a plain Error with a
 * `field` string) so the kit needs no import of the engine, and the engine none of GraphQL.
 */
export interface FieldInputError extends Error {
  field: string;
}

export function isFieldInputError(error: unknown): error is FieldInputError {
  return (
    error instanceof Error &&
    !(error instanceof GraphQLError) &&
    typeof (error as { field?: unknown }).field === 'string'
  );
}

/**
 * Runs `fn`, turning a library's input error into BAD_USER_INPUT: the one place calc-engine errors
 * become GraphQL errors. `fieldOf` maps the engine's field to the caller's argument path
 * ("sellingPrice" → "input.sellingPrice"); by default it is kept as is.
 */
export function withInputErrors<T>(fn: () => T, fieldOf: (field: string) => string = (f) => f): T {
  try {
    return fn();
  } catch (error) {
    if (isFieldInputError(error)) throw badInput(fieldOf(error.field), error.message);
    throw error;
  }
}
