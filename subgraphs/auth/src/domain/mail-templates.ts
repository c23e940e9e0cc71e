// The messages the auth subgraph sends. Defaults live here; a dealership may keep its own copy of a
// kind in auth.mail_templates (the administration screens will edit them), which wins. Every message
// names the dealership as it is called now (dealership-name.ts: renames included).
import { enqueueMail, renderMail, type EntityManager, type MailTemplate } from '@autolytiq/kit';
import { dealershipNameOf } from './dealership-name.ts';

export { setDealershipName } from './dealership-name.ts';

export const AUTH_MAIL_KINDS = [
  'account-unlock',
  'password-reset',
  'password-changed',
  'email-verification',
  'invitation',
] as const;
export type AuthMailKind = (typeof AUTH_MAIL_KINDS)[number];

const footer = {
  text: '\n\n— {{dealershipName}}, through Autolytiq. If this was not you, tell your administrator.',
  html: '<p style="color:#666">— {{dealershipName}}, through Autolytiq. If this was not you, tell your administrator.</p>',
};

export const DEFAULT_TEMPLATES: Record<AuthMailKind, MailTemplate> = {
  'account-unlock': {
    subject: '{{dealershipName}}: your sign-in was locked',
    text:
      'Hello {{displayName}},\n\nThere were many failed sign-ins for your username ({{username}}), so it is locked for {{minutes}} minutes. If you are locked out, unlock it now:\n\n{{link}}' +
      footer.text,
    html:
      '<p>Hello {{displayName}},</p><p>There were many failed sign-ins for your username ({{username}}), so it is locked for {{minutes}} minutes. If you are locked out, <a href="{{link}}">unlock it now</a>.</p>' +
      footer.html,
  },
  'password-reset': {
    subject: '{{dealershipName}}: reset your password',
    text:
      'Hello {{displayName}},\n\nSomeone asked to reset the password of {{username}}. The link works once, for {{minutes}} minutes:\n\n{{link}}\n\nIf you did not ask, ignore this message.' +
      footer.text,
    html:
      '<p>Hello {{displayName}},</p><p>Someone asked to reset the password of {{username}}. The link works once, for {{minutes}} minutes:</p><p><a href="{{link}}">Reset my password</a></p><p>If you did not ask, ignore this message.</p>' +
      footer.html,
  },
  'password-changed': {
    subject: '{{dealershipName}}: your password was changed',
    text:
      'Hello {{displayName}},\n\nThe password of {{username}} was changed and every session was signed out.' +
      footer.text,
    html:
      '<p>Hello {{displayName}},</p><p>The password of {{username}} was changed and every session was signed out.</p>' +
      footer.html,
  },
  'email-verification': {
    subject: '{{dealershipName}}: confirm your email address',
    text:
      'Hello {{displayName}},\n\nConfirm that this address belongs to {{username}}:\n\n{{link}}' +
      footer.text,
    html:
      '<p>Hello {{displayName}},</p><p>Confirm that this address belongs to {{username}}:</p><p><a href="{{link}}">Confirm my address</a></p>' +
      footer.html,
  },
  invitation: {
    subject: '{{dealershipName}}: you are invited to Autolytiq',
    text:
      'Hello {{displayName}},\n\n{{invitedBy}} created an account for you. Your username is {{username}}. Choose your password with this link (it works once, for {{days}} days):\n\n{{link}}' +
      footer.text,
    html:
      '<p>Hello {{displayName}},</p><p>{{invitedBy}} created an account for you. Your username is <b>{{username}}</b>. Choose your password with this link (it works once, for {{days}} days):</p><p><a href="{{link}}">Choose my password</a></p>' +
      footer.html,
  },
};

export interface AuthMail {
  dealershipId: string;
  kind: AuthMailKind;
  to: string;
  values: Record<string, string>;
}

/** Renders the dealership's template (or the default) and queues it in the caller's transaction. */
export async function queueAuthMail(em: EntityManager, mail: AuthMail): Promise<string> {
  const rows = await em.execute<
    Array<{
      subject: string | null;
      text_body: string | null;
      html_body: string | null;
    }>
  >(
    `select t.subject, t.text_body, t.html_body
       from (select 1) one
       left join auth.mail_templates t on t.dealership_id = ? and t.kind = ?`,
    [mail.dealershipId, mail.kind],
  );
  const row = rows[0];
  const template =
    row?.subject && row.text_body && row.html_body
      ? { subject: row.subject, text: row.text_body, html: row.html_body }
      : DEFAULT_TEMPLATES[mail.kind];
  const rendered = renderMail(template, {
    dealershipName: (await dealershipNameOf(em, mail.dealershipId)) || 'Your dealership',
    ...mail.values,
  });
  return enqueueMail(em, 'auth', {
    dealershipId: mail.dealershipId,
    kind: mail.kind,
    to: mail.to,
    ...rendered,
  });
}
