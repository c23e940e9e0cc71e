// One assistant turn: check the input and the caller's rate, open (or continue) the caller's
// conversation, run a quick action's tools directly, let the model run its tool loop (tools as the
// caller, results capped and PII-redacted), and store both messages. Model and tool failures end
// the turn with an answer that says what went wrong; they never crash it.
import { tenantOf, type Database, type Principal } from '@autolytiq/kit';
import { badInput, notFound, parse } from '@autolytiq/kit/core';
import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from '@langchain/core/messages';
import type { Caller, GraphClient } from './graph.ts';
import type { ChatModel } from './model.ts';
import { NO_MODEL_ANSWER, systemPrompt } from './prompt.ts';
import { PerUserRateLimit } from './rate-limit.ts';
import { guardToolCall } from './guard.ts';
import { redactPii } from './redact.ts';
import type {
  AssistantEventRecord,
  CitationRecord,
  ReplyRecord,
  ToolCallRecord,
} from './records.ts';
import { runTool, type ToolRun } from './tools/run.ts';
import type { AssistantTool, KnowledgeSearch, ToolContext } from './tools/types.ts';
import {
  findConversation,
  insertConversation,
  insertMessage,
  listMessages,
  touchConversation,
} from '../store/conversations-store.ts';

export type QuickAction = 'PAYMENT_OPTIONS' | 'EXPLAIN_DEAL' | 'SIMILAR_VEHICLES';

export interface AskInput {
  message?: string | null;
  conversationId?: string | null;
  dealId?: string | null;
  customerId?: string | null;
  quickAction?: QuickAction | null;
  budget?: string | null;
}

export interface AssistantLimits {
  /** Tool calls the model may make in one turn. */
  maxToolCalls: number;
  /** Tokens (as the endpoint reports them) one turn may use across its model calls. */
  maxTokensPerTurn: number;
  /** The whole turn's deadline. */
  timeoutMs: number;
  requestsPerMinute: number;
  /** Earlier messages of the conversation the model sees. */
  historyMessages: number;
}

export const DEFAULT_LIMITS: AssistantLimits = {
  maxToolCalls: 6,
  maxTokensPerTurn: 20_000,
  timeoutMs: 60_000,
  requestsPerMinute: 20,
  historyMessages: 20,
};

export interface TurnCaller {
  principal: Principal;
  token: string;
  requestId: string;
}

const QUICK_LABEL: Record<QuickAction, string> = {
  PAYMENT_OPTIONS: 'Payment options',
  EXPLAIN_DEAL: 'Explain this deal',
  SIMILAR_VEHICLES: 'Similar cars under a budget',
};

function todayIn(timezone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone ?? 'UTC' }).format(new Date());
}

class TurnState {
  readonly toolCalls: ToolCallRecord[] = [];
  readonly citations: CitationRecord[] = [];
  record(run: ToolRun, emit: (e: AssistantEventRecord) => void) {
    this.toolCalls.push(run.record);
    for (const c of run.citations) {
      if (!this.citations.some((x) => x.documentId === c.documentId && x.snippet === c.snippet)) {
        this.citations.push(c);
      }
    }
    emit({ kind: 'tool', ...run.record });
  }
}

export class AssistantService {
  private readonly rate: PerUserRateLimit;

  constructor(
    private readonly db: Database,
    private readonly graph: GraphClient,
    private readonly model: ChatModel | null,
    private readonly tools: readonly AssistantTool[],
    private readonly limits: AssistantLimits = DEFAULT_LIMITS,
    private readonly knowledge?: KnowledgeSearch,
    private readonly log: (message: string, details: Record<string, unknown>) => void = () =>
      undefined,
  ) {
    this.rate = new PerUserRateLimit(limits.requestsPerMinute);
  }

  get modelName(): string | null {
    return this.model?.name ?? null;
  }

  async ask(
    who: TurnCaller,
    raw: AskInput,
    emit: (event: AssistantEventRecord) => void = () => undefined,
    outerSignal?: AbortSignal,
  ): Promise<ReplyRecord> {
    const input = checkInput(raw);
    this.rate.take(who.principal.userId);
    const { principal } = who;
    const tenant = tenantOf(principal);
    const conversation = await this.db.withTenant(tenant, async (em) => {
      if (input.conversationId) {
        const found = await findConversation(em, input.conversationId);
        if (!found) throw notFound('No such conversation.');
        return { ...found, history: await listMessages(em, found.id, this.limits.historyMessages) };
      }
      const title = (input.message || QUICK_LABEL[input.quickAction!]).slice(0, 120);
      const created = await insertConversation(em, {
        dealershipId: principal.dealershipId,
        userId: principal.userId,
        title: title.trim() || 'Conversation',
        dealId: input.dealId,
        customerId: input.customerId,
      });
      return { ...created, history: [] };
    });
    const page = {
      dealId: input.dealId ?? conversation.dealId,
      customerId: input.customerId ?? conversation.customerId,
    };
    const caller: Caller = {
      token: who.token,
      requestId: who.requestId,
      userId: principal.userId,
      dealershipId: principal.dealershipId,
      permissions: principal.permissions,
    };
    const today = todayIn(principal.timezone);
    const ctx: ToolContext = { caller, graph: this.graph, today, knowledge: this.knowledge };
    const state = new TurnState();
    const signal = AbortSignal.any([
      AbortSignal.timeout(this.limits.timeoutMs),
      ...(outerSignal ? [outerSignal] : []),
    ]);

    // Messages the model sees: the system prompt, earlier turns, this question (all PII-redacted).
    const messages: BaseMessage[] = [new SystemMessage(systemPrompt(today, page))];
    for (const m of conversation.history) {
      const text = redactPii(m.text);
      messages.push(m.role === 'USER' ? new HumanMessage(text) : new AIMessage(text));
    }
    const question = input.message || QUICK_LABEL[input.quickAction!];
    messages.push(new HumanMessage(redactPii(question)));

    if (input.quickAction) {
      const runs = await this.runQuickAction(ctx, input.quickAction, page.dealId, input.budget);
      runs.forEach((run, i) => {
        state.record(run, emit);
        const id = `quick_${i}`;
        messages.push(
          new AIMessage({
            content: '',
            tool_calls: [{ id, name: run.record.name, args: JSON.parse(run.record.arguments) }],
          }),
          new ToolMessage({ content: run.content, tool_call_id: id }),
        );
      });
    }

    let answer: string;
    if (!this.model) {
      answer = input.quickAction
        ? `${state.toolCalls.map((c) => c.summary).join('\n')}\n\n(No language model is configured: these are the tool results as found.)`
        : NO_MODEL_ANSWER;
      emit({ kind: 'token', text: answer });
    } else {
      answer = await this.modelLoop(ctx, messages, state, emit, signal, question);
    }

    const reply: ReplyRecord = {
      conversationId: conversation.id,
      answer,
      toolCalls: state.toolCalls,
      citations: state.citations,
      modelUsed: this.model !== null,
    };
    await this.db.withTenant(tenant, async (em) => {
      const base = {
        dealershipId: principal.dealershipId,
        userId: principal.userId,
        conversationId: conversation.id,
      };
      await insertMessage(em, { ...base, role: 'USER', text: question });
      await insertMessage(em, {
        ...base,
        role: 'ASSISTANT',
        text: answer,
        toolCalls: reply.toolCalls,
        citations: reply.citations,
      });
      await touchConversation(em, conversation.id);
    });
    emit({ kind: 'done', reply });
    return reply;
  }

  private async modelLoop(
    ctx: ToolContext,
    messages: BaseMessage[],
    state: TurnState,
    emit: (e: AssistantEventRecord) => void,
    signal: AbortSignal,
    userWords: string,
  ): Promise<string> {
    const model = this.model!;
    const { maxToolCalls, maxTokensPerTurn } = this.limits;
    let tokens = 0;
    let streamed = '';
    const onToken = (text: string) => {
      streamed += text;
      emit({ kind: 'token', text });
    };
    // Each round: one model call; tool calls run and are fed back; at most maxToolCalls + 1 calls.
    for (let round = 0; round <= maxToolCalls; round++) {
      const used = state.toolCalls.length;
      const tools = used >= maxToolCalls || tokens >= maxTokensPerTurn ? [] : this.tools;
      let step;
      try {
        step = await model.step(messages, tools, onToken, signal);
      } catch (error) {
        return streamed + this.modelFailure(error, signal);
      }
      tokens += step.tokens;
      if (step.toolCalls.length === 0 || tools.length === 0) return step.text || streamed;
      messages.push(
        new AIMessage({
          content: step.text,
          tool_calls: step.toolCalls.map((c) => ({
            id: c.id,
            name: c.name,
            args: (c.args ?? {}) as Record<string, unknown>,
          })),
        }),
      );
      for (const call of step.toolCalls) {
        if (state.toolCalls.length >= maxToolCalls) {
          messages.push(
            new ToolMessage({
              content: JSON.stringify({
                ok: false,
                error: `Limit of ${maxToolCalls} tool calls per question reached: answer with what you have.`,
              }),
              tool_call_id: call.id,
            }),
          );
          continue;
        }
        const refusal = guardToolCall(this.tools, call.name, userWords);
        const run = refusal
          ? refusedRun(call.name, call.args, refusal.summary)
          : await runTool(this.tools, ctx, call.name, call.args);
        state.record(run, emit);
        messages.push(new ToolMessage({ content: run.content, tool_call_id: call.id }));
      }
      if (tokens >= maxTokensPerTurn) {
        const note = `\n(Stopped: this question used its budget of ${maxTokensPerTurn} tokens.)`;
        emit({ kind: 'token', text: note });
        return streamed + note;
      }
    }
    const note = `\n(Stopped after ${maxToolCalls} tool calls without a final answer.)`;
    emit({ kind: 'token', text: note });
    return streamed + note;
  }

  private modelFailure(error: unknown, signal: AbortSignal): string {
    this.log('assistant model call failed', { err: error, aborted: signal.aborted });
    if (signal.aborted) {
      return `\nThe assistant timed out after ${Math.round(this.limits.timeoutMs / 1000)} s waiting for the language model; please try again.`;
    }
    const status = (error as { status?: number }).status;
    return `\nThe language model could not answer${status ? ` (HTTP ${status})` : ''}; please try again.`;
  }

  private async runQuickAction(
    ctx: ToolContext,
    action: QuickAction,
    dealId: string | null,
    budget: string | null,
  ): Promise<ToolRun[]> {
    if (action === 'SIMILAR_VEHICLES' && budget) {
      return [await runTool(this.tools, ctx, 'compare_vehicles_for_budget', { budget })];
    }
    if (!dealId) throw badInput('input.dealId', `${QUICK_LABEL[action]} needs the deal (dealId).`);
    if (action === 'PAYMENT_OPTIONS') {
      return [await runTool(this.tools, ctx, 'payment_options', { dealId })];
    }
    const deal = await runTool(this.tools, ctx, 'get_deal', { dealId });
    if (action === 'EXPLAIN_DEAL' || !deal.record.ok) return [deal];
    const price = (JSON.parse(deal.content) as { result?: { sellingPrice?: string } }).result
      ?.sellingPrice;
    if (!price) return [deal];
    return [deal, await runTool(this.tools, ctx, 'compare_vehicles_for_budget', { budget: price })];
  }
}

function refusedRun(name: string, args: unknown, summary: string): ToolRun {
  return {
    record: { name, arguments: JSON.stringify(args ?? {}), ok: false, summary, link: null },
    content: JSON.stringify({ ok: false, error: summary, code: 'NOT_ASKED' }),
    citations: [],
  };
}

interface CheckedInput {
  message: string | null;
  conversationId: string | null;
  dealId: string | null;
  customerId: string | null;
  quickAction: QuickAction | null;
  budget: string | null;
}

function checkInput(raw: AskInput): CheckedInput {
  const message = parse.text('input.message', raw.message, 4000);
  const quickAction = raw.quickAction ?? null;
  if (!message && !quickAction) {
    throw badInput('input.message', 'Ask something (or choose a quick action).');
  }
  const budget = parse.optMoney('input.budget', raw.budget);
  if (budget && budget.lte(0)) throw badInput('input.budget', 'The budget must be above 0.');
  return {
    message,
    quickAction,
    conversationId: parse.optId('input.conversationId', raw.conversationId),
    dealId: parse.optId('input.dealId', raw.dealId),
    customerId: parse.optId('input.customerId', raw.customerId),
    budget: budget ? budget.toFixed(2) : null,
  };
}
