// Typed errors: every error that reaches a client carries one of these codes and the request id.
import { GraphQLError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
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
