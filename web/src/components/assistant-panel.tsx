'use client';
// The assistant on every page: a button that opens a side panel; questions stream over the tab's
// graphql-ws connection (tokens as they come, each tool call as a card linking to what it found,
// the cited passages under the answer). On a deal page (the desk) the quick actions ask for the
// deal's payment options, an explanation, or similar cars under a budget — no typing needed.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  ASSISTANT_CHAT,
  EMPTY_CHAT,
  applyEvent,
  budgetInput,
  failTurn,
  pageContext,
  startTurn,
  toolLabel,
  type AssistantEvent,
  type Chat,
  type Turn,
} from '../lib/assistant.ts';
import { subscribeOnce } from '../lib/realtime.ts';

type QuickAction = 'PAYMENT_OPTIONS' | 'EXPLAIN_DEAL' | 'SIMILAR_VEHICLES';

interface Ask {
  message?: string;
  quickAction?: QuickAction;
  budget?: string;
}

function useAssistantChat() {
  const [chat, setChat] = useState<Chat>(EMPTY_CHAT);
  const stop = useRef<(() => void) | null>(null);
  const pathname = usePathname();
  const context = pageContext(pathname);
  useEffect(() => () => stop.current?.(), []);

  const ask = (label: string, request: Ask) => {
    stop.current?.();
    setChat((c) => startTurn(c, label));
    const input = {
      ...request,
      conversationId: chat.conversationId,
      dealId: context.dealId,
      customerId: context.customerId,
    };
    stop.current = subscribeOnce<{ assistantChat: AssistantEvent }>(
      ASSISTANT_CHAT,
      { input },
      {
        next: (result) => {
          if (result.errors?.length) {
            setChat((c) => failTurn(c, result.errors!.map((e) => e.message).join(' ')));
          } else if (result.data?.assistantChat) {
            setChat((c) => applyEvent(c, result.data!.assistantChat));
          }
        },
        error: () => setChat((c) => failTurn(c, 'The connection to the assistant was lost.')),
        complete: () =>
          setChat((c) => failTurn(c, 'The assistant stopped without an answer; please try again.')),
      },
    );
  };
  const reset = () => {
    stop.current?.();
    setChat(EMPTY_CHAT);
  };
  return { chat, ask, reset, context, busy: chat.turns.at(-1)?.status === 'streaming' };
}

function TurnView({ turn }: { turn: Turn }) {
  return (
    <li className="assistant-turn" data-testid="assistant-turn">
      <p className="assistant-question">{turn.question}</p>
      {turn.toolCalls.map((card, i) => (
        <div
          key={i}
          className={`assistant-card${card.ok ? '' : ' assistant-card-failed'}`}
          data-testid="assistant-tool-card"
        >
          <strong>{toolLabel(card.name)}</strong>
          <span>{card.summary}</span>
          {card.link ? <Link href={card.link}>Open</Link> : null}
        </div>
      ))}
      <div
        className="assistant-answer"
        data-testid="assistant-answer"
        aria-busy={turn.status === 'streaming'}
      >
        {turn.answer || (turn.status === 'streaming' ? 'Thinking…' : '')}
      </div>
      {turn.error ? (
        <p className="error" role="alert">
          {turn.error}
        </p>
      ) : null}
      {turn.citations.length > 0 ? (
        <div className="assistant-sources" data-testid="assistant-citations">
          <strong>Sources</strong>
          <ol>
            {turn.citations.map((c) => (
              <li key={`${c.documentId}:${c.snippet}`}>
                {c.url ? <a href={c.url}>{c.title}</a> : <span>{c.title}</span>}
                <span className="muted"> — {c.snippet}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </li>
  );
}

function QuickActions(props: { ask: (label: string, request: Ask) => void; busy: boolean }) {
  const [budget, setBudget] = useState('');
  const typed = budgetInput(budget);
  return (
    <div className="assistant-quick" role="group" aria-label="Quick actions for this deal">
      <button
        type="button"
        className="btn"
        disabled={props.busy}
        onClick={() => props.ask('Payment options', { quickAction: 'PAYMENT_OPTIONS' })}
      >
        Payment options
      </button>
      <button
        type="button"
        className="btn"
        disabled={props.busy}
        onClick={() => props.ask('Explain this deal', { quickAction: 'EXPLAIN_DEAL' })}
      >
        Explain this deal
      </button>
      <label className="assistant-budget">
        <span>Similar cars under $</span>
        <input
          value={budget}
          onChange={(e) => setBudget(e.target.value)}
          inputMode="decimal"
          placeholder="deal price"
          aria-invalid={budget !== '' && !typed}
        />
      </label>
      <button
        type="button"
        className="btn"
        disabled={props.busy || (budget !== '' && !typed)}
        onClick={() =>
          props.ask(typed ? `Similar cars under $${typed}` : 'Similar cars under the deal price', {
            quickAction: 'SIMILAR_VEHICLES',
            ...(typed ? { budget: typed } : {}),
          })
        }
      >
        Show similar cars
      </button>
    </div>
  );
}

export function AssistantPanel() {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const { chat, ask, reset, context, busy } = useAssistantChat();
  const end = useRef<HTMLDivElement>(null);
  // Braces matter: Chromium's scrollIntoView now returns a promise, and an effect must return
  // nothing or its cleanup (React calls whatever comes back when the effect re-runs).
  useEffect(() => {
    void end.current?.scrollIntoView({ block: 'end' });
  }, [chat]);

  const send = (e: FormEvent) => {
    e.preventDefault();
    const text = message.trim();
    if (!text || busy) return;
    setMessage('');
    ask(text, { message: text });
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-primary assistant-toggle"
        aria-expanded={open}
        aria-controls="assistant-panel"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Close assistant' : 'Assistant'}
      </button>
      <aside id="assistant-panel" className="assistant-panel" aria-label="Assistant" hidden={!open}>
        <div className="assistant-head">
          <h2>Assistant</h2>
          <button type="button" className="btn" onClick={reset} disabled={chat.turns.length === 0}>
            New conversation
          </button>
        </div>
        {context.dealId ? <QuickActions ask={ask} busy={busy} /> : null}
        <ol className="assistant-turns" aria-live="polite">
          {chat.turns.map((t) => (
            <TurnView key={t.id} turn={t} />
          ))}
        </ol>
        <div ref={end} />
        <form className="assistant-form" onSubmit={send}>
          <label htmlFor="assistant-message" className="sr-only">
            Ask the assistant
          </label>
          <textarea
            id="assistant-message"
            rows={2}
            maxLength={4000}
            value={message}
            placeholder="Ask about inventory, a deal, taxes, or a policy…"
            onChange={(e) => setMessage(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) send(e);
            }}
          />
          <button type="submit" className="btn btn-primary" disabled={busy || !message.trim()}>
            Ask
          </button>
        </form>
      </aside>
    </>
  );
}
