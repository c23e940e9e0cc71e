// Runs one tool call as the caller. Whatever happens — bad arguments, FORBIDDEN from the owning
// subgraph, a timeout — becomes the tool's result (ok: false with the reason), never a failed turn.
import { z } from 'zod';
import { codeOf } from '../graph.ts';
import { redactPii } from '../redact.ts';
import type { CitationRecord, ToolCallRecord } from '../records.ts';
import { capToolResult } from './cap.ts';
import type { AssistantTool, ToolContext } from './types.ts';

export interface ToolRun {
  record: ToolCallRecord;
  /** What the model reads back (JSON, capped, PII-redacted). */
  content: string;
  citations: CitationRecord[];
}

const FORBIDDEN_HINT =
  'The user does not have the permission this needs. Tell them so plainly; do not try to get it another way.';

export async function runTool(
  tools: readonly AssistantTool[],
  ctx: ToolContext,
  name: string,
  rawArgs: unknown,
): Promise<ToolRun> {
  const argsText = JSON.stringify(rawArgs ?? {});
  const failed = (summary: string, extra: Record<string, unknown> = {}): ToolRun => ({
    record: { name, arguments: argsText, ok: false, summary, link: null },
    content: redactPii(JSON.stringify({ ok: false, error: summary, ...extra })),
    citations: [],
  });
  const tool = tools.find((t) => t.name === name);
  if (!tool) return failed(`There is no tool named ${name}.`);
  const parsed = tool.args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return failed(`Invalid arguments: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  }
  try {
    const out = await tool.run(ctx, parsed.data);
    return {
      record: {
        name,
        arguments: argsText,
        ok: true,
        summary: redactPii(out.summary),
        link: out.link ?? null,
      },
      content: redactPii(capToolResult({ ok: true, result: out.data })),
      citations: out.citations ?? [],
    };
  } catch (error) {
    const code = codeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'FORBIDDEN') {
      return failed(`FORBIDDEN: ${message}`, { code, hint: FORBIDDEN_HINT });
    }
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') {
      return failed(`${code}: ${message}`, { code });
    }
    return failed(`The tool failed (${code}).`, { code });
  }
}
