// Delivers a subgraph's mail outbox. Each message is claimed, sent and marked in ONE transaction that
// holds its row lock (SELECT … FOR UPDATE SKIP LOCKED): two relays — two replicas — never pick the
// same message, and a message is marked sent only once the SMTP server accepted it. A crash between
// the server's acceptance and the commit is the one case that sends twice; the Message-ID is the
// outbox id, so the copy is recognisable. Failures are retried with exponential backoff; a permanent
// refusal (SMTP 5xx) or too many attempts marks the message failed, with the error kept.
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { ident } from '../db/sql.ts';
import type { MailTransport } from './transport.ts';

export interface MailRelayOptions {
  db: Database;
  /** The subgraph's schema holding `mail_outbox` (see mailOutboxSql). */
  schema: string;
  transport: MailTransport;
  /** The From header (MAIL_FROM). */
  from: string;
  logger: Logger;
  /** Messages sent in parallel. Default 4. */
  concurrency?: number;
  /** How often an idle relay looks for due messages. Default 1000 ms. */
  pollMs?: number;
  /** Attempts before a message is marked failed. Default 8. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to one hour. Default 30 s. */
  backoffMs?: number;
}

export interface MailRelay {
  /** Wakes the relay now (call after committing a transaction that queued mail). */
  notify(): void;
  /** Delivers every message due now, then resolves with how many were handled (tests, benchmarks). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

interface Claimed {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
}

const MAX_BACKOFF_MS = 3_600_000;

export function startMailRelay(options: MailRelayOptions): MailRelay {
  const { db, transport, logger } = options;
  const s = ident(options.schema);
  const concurrency = options.concurrency ?? 4;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 30_000;
  let stopped = false;
  let running: Promise<number> | undefined;
  let again = false;

  /** Handles one due message; false when none is due. */
  async function deliverOne(): Promise<boolean> {
    return db.asSystem(async (em) => {
      const [mail] = await em.execute<Claimed[]>(
        `select id, to_address, subject, text_body, html_body, attempts from ${s}.mail_claim()`,
      );
      if (!mail) return false;
      try {
        const sent = await transport.send({
          id: mail.id,
          from: options.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body,
        });
        await em.execute(`select ${s}.mail_delivered(?, ?)`, [mail.id, sent.messageId]);
      } catch (error) {
        const attempt = mail.attempts + 1;
        const permanent = isPermanent(error);
        const next =
          permanent || attempt >= maxAttempts
            ? null
            : new Date(Date.now() + Math.min(backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS));
        // The address and subject stay out of the log line: the id finds them in the table.
        logger.warn(
          { mailId: mail.id, attempt, retryAt: next, err: errorText(error) },
          next ? 'mail delivery failed; will retry' : 'mail delivery failed; giving up',
        );
        await em.execute(`select ${s}.mail_attempt_failed(?, ?, ?)`, [
          mail.id,
          errorText(error),
          next,
        ]);
      }
      return true;
    });
  }

  async function worker(): Promise<number> {
    let handled = 0;
    while (!stopped && (await deliverOne())) handled++;
    return handled;
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        const counts = await Promise.all(Array.from({ length: concurrency }, worker));
        total += counts.reduce((a, b) => a + b, 0);
      } while (again && !stopped);
      return total;
    })().finally(() => (running = undefined));
    return running;
  }

  const tick = () =>
    void drain().catch((error: unknown) =>
      logger.error({ err: errorText(error) }, 'mail relay pass failed'),
    );
  const timer = setInterval(tick, options.pollMs ?? 1000);
  timer.unref();
  logger.info({ target: transport.target }, 'mail relay started');

  return {
    notify: tick,
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      transport.close();
    },
  };
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
