// A scripted OpenAI-compatible Chat Completions server on loopback, for tests and benches: the real
// ChatOpenAI client talks HTTP to it (JSON, or SSE with `data: [DONE]` when `stream` is set),
// including tool calls streamed in pieces the way OpenAI sends them. What it answers is decided by
// the test's `respond` function from the request; every request body is kept, so a test can check
// exactly what reached the "model" (no PII, the right tools offered, the tool results fed back).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: ChatRequestMessage[];
  tools?: {
    type: 'function';
    function: { name: string; description?: string; parameters: unknown };
  }[];
  max_tokens?: number;
  max_completion_tokens?: number;
}

export type ScriptedReply =
  | { text: string }
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[]; text?: string }
  | { status: number; error: string }
  /** Never answers (until the client gives up): for timeout tests. */
  | { hang: true };

export interface ScriptedOpenAI {
  /** Base URL to give as OPENAI_BASE_URL (…/v1). */
  baseUrl: string;
  /** Every request body received, in order. */
  requests: ChatRequest[];
  /** Raw text of every request body (what a leak check should scan). */
  rawBodies: string[];
  /** The inputs of every /embeddings request. */
  embeddingRequests: string[][];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });

/** Splits text into pieces of a few words, as a model streams tokens. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

let seq = 0;

export async function startScriptedOpenAI(
  respond: (request: ChatRequest, index: number) => ScriptedReply | Promise<ScriptedReply>,
  options: { tokenDelayMs?: number } = {},
): Promise<ScriptedOpenAI> {
  const requests: ChatRequest[] = [];
  const rawBodies: string[] = [];
  const embeddingRequests: string[][] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/embeddings')) {
      await answerEmbeddings(req, res, embeddingRequests);
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const raw = await readBody(req);
    rawBodies.push(raw);
    const request = JSON.parse(raw) as ChatRequest;
    requests.push(request);
    const reply = await respond(request, requests.length - 1);
    if ('hang' in reply) {
      const end = () => res.destroy();
      hanging.add(end);
      res.on('close', () => hanging.delete(end));
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: reply.error, type: 'scripted' } }));
      return;
    }
    const id = `chatcmpl-${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    const text = reply.text ?? '';
    const toolCalls =
      'toolCalls' in reply
        ? reply.toolCalls.map((c, i) => ({
            index: i,
            id: `call_${seq}_${i}`,
            type: 'function' as const,
            function: { name: c.name, arguments: JSON.stringify(c.arguments) },
          }))
        : [];
    const promptTokens = Math.ceil(raw.length / 4);
    const completionTokens = Math.max(1, Math.ceil(text.length / 4)) + toolCalls.length * 10;
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const finish = toolCalls.length > 0 ? 'tool_calls' : 'stop';
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: request.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: text || null,
                ...(toolCalls.length
                  ? { tool_calls: toolCalls.map(({ index: _i, ...c }) => c) }
                  : {}),
              },
              finish_reason: finish,
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (delta: object, finishReason: string | null = null, extra: object = {}) =>
      res.write(
        `data: ${JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model: request.model,
          choices: [{ index: 0, delta, finish_reason: finishReason }],
          ...extra,
        })}\n\n`,
      );
    const pause = () =>
      options.tokenDelayMs ? new Promise((r) => setTimeout(r, options.tokenDelayMs)) : null;
    send({ role: 'assistant', content: '' });
    for (const piece of pieces(text)) {
      send({ content: piece });
      await pause();
    }
    for (const call of toolCalls) {
      const args = call.function.arguments;
      const half = Math.ceil(args.length / 2);
      send({
        tool_calls: [
          {
            index: call.index,
            id: call.id,
            type: 'function',
            function: { name: call.function.name, arguments: args.slice(0, half) },
          },
        ],
      });
      send({ tool_calls: [{ index: call.index, function: { arguments: args.slice(half) } }] });
    }
    send({}, finish);
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage })}\n\n`,
    );
    res.write('data: [DONE]\n\n');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    rawBodies,
    embeddingRequests,
    close: async () => {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const SCRIPTED_EMBEDDING_DIMENSIONS = 64;

/**
 * A deterministic stand-in for an embeddings model: each word (lower-cased, first 5 letters, so
 * "warranty" and "warranties" meet) adds 1 to a hashed dimension. Texts sharing words point the
 * same way, which is all a re-ranking test needs.
 */
export function scriptedEmbedding(text: string): number[] {
  const vector = new Array<number>(SCRIPTED_EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 2166136261;
    for (const ch of word.slice(0, 5)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    vector[(h >>> 0) % SCRIPTED_EMBEDDING_DIMENSIONS]! += 1;
  }
  return vector;
}

async function answerEmbeddings(req: IncomingMessage, res: ServerResponse, log: string[][]) {
  const body = JSON.parse(await readBody(req)) as {
    input: string | string[];
    model: string;
    encoding_format?: 'float' | 'base64';
  };
  // The openai SDK asks for base64 (little-endian float32) unless told otherwise, as OpenAI sends it.
  const encode = (v: number[]) =>
    body.encoding_format === 'base64'
      ? Buffer.from(new Float32Array(v).buffer).toString('base64')
      : v;
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  log.push(inputs);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      object: 'list',
      model: body.model,
      data: inputs.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: encode(scriptedEmbedding(text)),
      })),
      usage: { prompt_tokens: 0, total_tokens: 0 },
    }),
  );
}

/** The last message of a request (what the model is asked to answer now). */
export function lastMessage(request: ChatRequest): ChatRequestMessage | undefined {
  return request.messages.at(-1);
}

/** The last user question of a request. */
export function lastUserText(request: ChatRequest): string {
  return [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}
