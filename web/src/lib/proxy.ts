// Server side only: forwards a browser request to the router and its answer back, cookies included.
const FORWARDED_REQUEST = [
  'content-type',
  'authorization',
  'cookie',
  'x-request-id',
  'x-csrf-token',
  'accept',
  'x-forwarded-for',
  // Sessions record the browser ("Signed-in devices"), not this server's fetch.
  'user-agent',
];
const FORWARDED_RESPONSE = ['content-type', 'x-request-id', 'cache-control', 'www-authenticate'];

export function routerBase(): string {
  return (process.env.ROUTER_URL ?? 'http://127.0.0.1:4000')
    .replace(/\/graphql\/?$/, '')
    .replace(/\/$/, '');
}

export async function forward(req: Request, path: string): Promise<Response> {
  const url = new URL(req.url);
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST) {
    const value = req.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${routerBase()}${path}${url.search}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' ? undefined : await req.text(),
      redirect: 'manual',
    });
  } catch {
    // The same typed error the router gives for a subgraph it cannot reach (retryable).
    return Response.json(
      {
        errors: [
          {
            message: 'The API cannot be reached right now.',
            extensions: { code: 'SERVICE_UNAVAILABLE', service: 'router' },
          },
        ],
      },
      { status: 502 },
    );
  }
  const out = new Headers();
  for (const name of FORWARDED_RESPONSE) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);
  return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers: out });
}
