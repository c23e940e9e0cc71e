import { describe, expect, it } from 'vitest';
import { isUnavailableError, unavailableIn } from '../src/unavailable.ts';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isUnavailableError', () => {
  it('recognises refused and broken connections, and PostgreSQL going away', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', '57P01', '57P03', '08006'])
      expect(isUnavailableError(coded(code)), code).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(new Error('the database system is starting up'))).toBe(true);
  });

  it('looks through causes and aggregates (fetch failed → ECONNREFUSED)', () => {
    const wrapped = new TypeError('fetch failed', { cause: coded('ECONNREFUSED') });
    expect(isUnavailableError(wrapped)).toBe(true);
    expect(isUnavailableError(new AggregateError([coded('ECONNREFUSED')]))).toBe(true);
  });

  it('does not take a fault of the request for an outage', () => {
    for (const code of ['23505', '42P01', '22P02', 'BAD_USER_INPUT'])
      expect(isUnavailableError(coded(code)), code).toBe(false);
    expect(isUnavailableError(new Error('relation "x" does not exist'))).toBe(false);
    expect(isUnavailableError(undefined)).toBe(false);
    const cyclic: { cause?: unknown } & Error = new Error('loop');
    cyclic.cause = cyclic;
    expect(isUnavailableError(cyclic)).toBe(false);
  });
});

describe('unavailableIn', () => {
  it("passes on the router's SERVICE_UNAVAILABLE with its service, and nothing else", () => {
    const error = unavailableIn([
      { message: 'x', extensions: { code: 'FORBIDDEN' } },
      { message: 'y', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'auth' } },
    ]);
    expect(error?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'auth' });
    expect(unavailableIn([{ message: 'x', extensions: { code: 'INTERNAL' } }])).toBeUndefined();
    expect(unavailableIn(undefined)).toBeUndefined();
  });
});
