// The platform's one mail path: outbox (same transaction as the change) → relay → SMTP or .eml files.
export { mailOutboxSql } from './outbox-sql.ts';
export {
  enqueueMail,
  listMail,
  type OutgoingMail,
  type MailRecord,
  type MailStatus,
} from './outbox.ts';
export {
  createMailTransport,
  type MailTransport,
  type MailTransportOptions,
  type MailEnvelope,
} from './transport.ts';
export { startMailRelay, type MailRelay, type MailRelayOptions } from './relay.ts';
export {
  renderMail,
  escapeHtml,
  placeholdersOf,
  type MailTemplate,
  type RenderedMail,
} from './templates.ts';
export { mailConfigSchema, type MailConfig } from './config.ts';
