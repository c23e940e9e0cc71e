// Where mail goes: an SMTP server (SMTP_URL, smtp:// or smtps://, credentials in the URL) through
// nodemailer's connection pool, or, with no SMTP_URL, standard .eml files under <DATA_DIR>/mail/ so a
// fresh `npm start` still delivers somewhere a person can open.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';

export interface MailEnvelope {
  /** The outbox id: also the Message-ID, so a rare resend (crash after sending) is recognisable. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export interface MailTransport {
  /** Where messages go, for the start-up log ("smtp://host:port" without credentials, or a folder). */
  readonly target: string;
  send(mail: MailEnvelope): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailTransportOptions {
  smtpUrl?: string;
  /** Base data folder; files go to `<dataDir>/mail/`. */
  dataDir: string;
  /** Parallel SMTP connections. Default 4. */
  maxConnections?: number;
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  return options.smtpUrl
    ? smtpTransport(options.smtpUrl, options.maxConnections ?? 4)
    : fileTransport(path.resolve(options.dataDir, 'mail'));
}

const messageIdOf = (id: string) => `<${id}@autolytiq.mail>`;

function smtpTransport(smtpUrl: string, maxConnections: number): MailTransport {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error('SMTP_URL must start with smtp:// or smtps://');
  }
  const transporter = createTransport({
    pool: true,
    url: smtpUrl,
    maxConnections,
    maxMessages: Infinity,
  });
  url.username = '';
  url.password = '';
  return {
    target: url.toString(),
    async send(mail) {
      const info = await transporter.sendMail({ ...toMessage(mail) });
      return { messageId: info.messageId ?? messageIdOf(mail.id) };
    },
    close: () => transporter.close(),
  };
}

function fileTransport(folder: string): MailTransport {
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let made: Promise<unknown> | undefined;
  return {
    target: folder,
    async send(mail) {
      const info = await transporter.sendMail(toMessage(mail));
      made ??= mkdir(folder, { recursive: true });
      await made;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(folder, `${stamp}-${mail.id}.eml`), info.message as Buffer);
      return { messageId: messageIdOf(mail.id) };
    },
    close: () => transporter.close(),
  };
}

function toMessage(mail: MailEnvelope) {
  return {
    messageId: messageIdOf(mail.id),
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
  };
}
