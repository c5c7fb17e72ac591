import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat-completions request as the fake server received it. */
export interface FakeChatRequest {
  readonly model: string;
  readonly messages: readonly { role: string; content: unknown; tool_calls?: unknown }[];
  readonly tools?: readonly { function: { name: string } }[];
  /** The raw body: what left the process, for privacy assertions. */
  readonly raw: string;
}

/** A scripted answer: text, or tool calls the client must run. */
export type FakeReply =
  | { readonly content: string }
  | { readonly toolCalls: readonly { readonly name: string; readonly args: Record<string, unknown> }[] };

export interface FakeOpenAiServer {
  readonly baseUrl: string;
  readonly requests: FakeChatRequest[];
  close(): Promise<void>;
}

/**
 * A local OpenAI-compatible endpoint (`POST /v1/chat/completions`) answering from a script, so
 * tests drive the real @langchain/openai client, tool calls included, with no network.
 */
export async function startFakeOpenAiServer(
  script: (request: FakeChatRequest) => FakeReply,
): Promise<FakeOpenAiServer> {
  const requests: FakeChatRequest[] = [];
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'POST' || !(req.url ?? '').endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const body = JSON.parse(raw) as Omit<FakeChatRequest, 'raw'>;
      const request = { ...body, raw };
      requests.push(request);
      const reply = script(request);
      calls++;
      const message =
        'content' in reply
          ? { role: 'assistant', content: reply.content }
          : {
              role: 'assistant',
              content: null,
              tool_calls: reply.toolCalls.map((call, i) => ({
                id: `call_${calls}_${i}`,
                type: 'function',
                function: { name: call.name, arguments: JSON.stringify(call.args) },
              })),
            };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${calls}`,
          object: 'chat.completion',
          created: 1_790_000_000,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: 'content' in reply ? 'stop' : 'tool_calls' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The text of a request's messages, in order (what the model was shown). */
export function promptText(request: FakeChatRequest): string {
  return request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}
