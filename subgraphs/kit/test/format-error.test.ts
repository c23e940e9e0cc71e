import { describe, expect, it } from 'vitest';
import { normalizeFormattedError } from '../src/index.ts';

describe('normalizeFormattedError', () => {
  const opts = { requestId: 'req-1', development: false };

  it('keeps our codes and adds the request id', () => {
    const out = normalizeFormattedError(
      { message: 'no', extensions: { code: 'FORBIDDEN', field: 'Query.x' } },
      opts,
    );
    expect(out).toEqual({
      message: 'no',
      extensions: { code: 'FORBIDDEN', field: 'Query.x', requestId: 'req-1' },
    });
  });

  it("maps Apollo's validation code to BAD_USER_INPUT", () => {
    const out = normalizeFormattedError(
      { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      opts,
    );
    expect(out.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('hides the message and stack of unexpected errors outside development', () => {
    const raw = {
      message: 'relation "x" does not exist',
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db'] },
    };
    const prod = normalizeFormattedError(raw, opts);
    expect(prod.extensions).toEqual({ code: 'INTERNAL', requestId: 'req-1' });
    expect(prod.message).not.toContain('relation');
    const dev = normalizeFormattedError(raw, { ...opts, development: true });
    expect(dev.message).toContain('relation');
    expect(dev.extensions?.stacktrace).toEqual(['at db']);
  });
});
