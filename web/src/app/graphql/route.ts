// Same-origin /graphql for the browser, forwarded to the router (ROUTER_URL, read at run time).
import { forward } from '../../lib/proxy.ts';

export const dynamic = 'force-dynamic';

export const POST = (req: Request) => forward(req, '/graphql');
export const GET = (req: Request) => forward(req, '/graphql');
