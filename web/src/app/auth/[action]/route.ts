// Same-origin /auth/session|refresh|logout, forwarded to the router, which sets the session cookies.
import { forward } from '../../../lib/proxy.ts';

export const dynamic = 'force-dynamic';

const ACTIONS = new Set(['session', 'mfa', 'refresh', 'logout']);

export async function POST(req: Request, ctx: { params: Promise<{ action: string }> }) {
  const { action } = await ctx.params;
  if (!ACTIONS.has(action)) return new Response('Not found', { status: 404 });
  return forward(req, `/auth/${action}`);
}
