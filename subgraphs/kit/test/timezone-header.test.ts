// The router's x-dealership-timezone reaches the principal (a copy: the token cache's principals are
// frozen); a header that is not a real time zone is ignored.
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { locals, tokenMiddleware, type Principal } from '../src/index.ts';

const frozen = (): Principal =>
  Object.freeze({
    userId: 'u1',
    dealershipId: 'd1',
    sessionId: 's1',
    username: 'sales',
    roles: [],
    permissions: [],
  });

async function run(headers: Record<string, string>) {
  const req = { header: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  const res = { locals: {} } as unknown as Response;
  let passed = false;
  await tokenMiddleware(async () => frozen())(req, res, () => void (passed = true));
  expect(passed).toBe(true);
  return locals(res).principal;
}

describe('x-dealership-timezone', () => {
  it('puts the zone on the verified principal without touching the cached one', async () => {
    const p = await run({
      authorization: 'Bearer t',
      'x-dealership-timezone': 'America/Chicago',
    });
    expect(p).toMatchObject({ userId: 'u1', timezone: 'America/Chicago' });
  });

  it('ignores a zone that is not one, and has none without the header', async () => {
    const bad = await run({ authorization: 'Bearer t', 'x-dealership-timezone': 'Nowhere/Land' });
    expect(bad?.timezone).toBeUndefined();
    expect((await run({ authorization: 'Bearer t' }))?.timezone).toBeUndefined();
  });
});
