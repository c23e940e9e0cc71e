// The dealership's own wording of auth's messages (admin.settings): each kind is the default
// (mail-templates.ts) until the dealership saves its copy in auth.mail_templates, which queueAuthMail
// then uses. A copy may use only the placeholders its kind is sent with, and must keep {{link}} where
// the message carries one (an invitation without its link is useless). A preview renders with sample
// values and writes nothing. Saving and resetting are audited.
import {
  badInput,
  changesOf,
  recordAudit,
  renderMail,
  tenantOf,
  type Database,
  type EntityManager,
  type MailTemplate,
  type Principal,
  type RenderedMail,
} from '@autolytiq/kit';
import { AUTH_MAIL_KINDS, DEFAULT_TEMPLATES, type AuthMailKind } from './mail-templates.ts';
import { dealershipNameOf } from './dealership-name.ts';

export interface MailTemplateView extends MailTemplate {
  kind: AuthMailKind;
  custom: boolean;
  placeholders: string[];
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;
const LIMITS = { subject: 300, text: 20_000, html: 50_000 } as const;

const namesOf = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
const namesIn = (t: MailTemplate) =>
  new Set([t.subject, t.text, t.html].flatMap((p) => [...namesOf(p)]));

/** What a kind is sent with: the default's placeholders (dealershipName included). */
export const placeholdersOf = (kind: AuthMailKind) => [...namesIn(DEFAULT_TEMPLATES[kind])].sort();

const SAMPLE: Record<string, string> = {
  displayName: 'Jordan Rivera',
  username: 'jrivera',
  link: 'https://dealer.example.com/link?token=sample',
  minutes: '30',
  days: '7',
  invitedBy: 'admin',
};

function kindOf(kind: string): AuthMailKind {
  if (!(AUTH_MAIL_KINDS as readonly string[]).includes(kind))
    throw badInput('kind', `Unknown message kind ${kind}. Known: ${AUTH_MAIL_KINDS.join(', ')}.`);
  return kind as AuthMailKind;
}

function checked(kind: AuthMailKind, input: MailTemplate): MailTemplate {
  const t = { subject: input.subject.trim(), text: input.text, html: input.html };
  for (const part of ['subject', 'text', 'html'] as const)
    if (!t[part].trim() || t[part].length > LIMITS[part])
      throw badInput(`input.${part}`, `Write 1–${LIMITS[part]} characters.`);
  const allowed = new Set(placeholdersOf(kind));
  for (const part of ['subject', 'text', 'html'] as const) {
    const used = namesOf(t[part]);
    const unknown = [...used].filter((n) => !allowed.has(n));
    if (unknown.length)
      throw badInput(
        `input.${part}`,
        `Unknown placeholder(s) ${unknown.map((n) => `{{${n}}}`).join(', ')}; this message has ${[...allowed].map((n) => `{{${n}}}`).join(', ')}.`,
      );
    if (allowed.has('link') && part !== 'subject' && !used.has('link'))
      throw badInput(`input.${part}`, 'Keep {{link}}: it is what the reader needs.');
  }
  return t;
}

export class MailTemplateAdmin {
  constructor(private readonly db: Database) {}

  list(admin: Principal): Promise<MailTemplateView[]> {
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const rows = await em.execute<
        Array<{ kind: string; subject: string; text_body: string; html_body: string }>
      >('select kind, subject, text_body, html_body from auth.mail_templates');
      const own = new Map(rows.map((r) => [r.kind, r]));
      return AUTH_MAIL_KINDS.map((kind) => {
        const r = own.get(kind);
        const t = r
          ? { subject: r.subject, text: r.text_body, html: r.html_body }
          : DEFAULT_TEMPLATES[kind];
        return { kind, ...t, custom: Boolean(r), placeholders: placeholdersOf(kind) };
      });
    });
  }

  /** The message as it would be sent, with sample values and the dealership's name. */
  async preview(admin: Principal, kind: string, input: MailTemplate): Promise<RenderedMail> {
    const k = kindOf(kind);
    const t = checked(k, input);
    const name = await this.db.withTenant(tenantOf(admin), (em) =>
      dealershipNameOf(em, admin.dealershipId),
    );
    return renderMail(t, { ...SAMPLE, dealershipName: name || 'Your dealership' });
  }

  async save(admin: Principal, kind: string, input: MailTemplate): Promise<MailTemplateView> {
    const k = kindOf(kind);
    const t = checked(k, input);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const before = await this.current(em, k);
      await em.execute(
        `insert into auth.mail_templates (dealership_id, kind, subject, text_body, html_body)
         values (?, ?, ?, ?, ?)
         on conflict (dealership_id, kind) do update set subject = excluded.subject,
           text_body = excluded.text_body, html_body = excluded.html_body, updated_at = now()`,
        [admin.dealershipId, k, t.subject, t.text, t.html],
      );
      await recordAudit(em, {
        source: 'auth',
        entityType: 'MailTemplate',
        entityId: k,
        action: 'update',
        changes: changesOf({ ...before }, { ...t }),
      });
      return { kind: k, ...t, custom: true, placeholders: placeholdersOf(k) };
    });
  }

  /** Back to the default wording. */
  async reset(admin: Principal, kind: string): Promise<MailTemplateView> {
    const k = kindOf(kind);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const before = await this.current(em, k);
      await em.execute('delete from auth.mail_templates where kind = ?', [k]);
      await recordAudit(em, {
        source: 'auth',
        entityType: 'MailTemplate',
        entityId: k,
        action: 'reset',
        changes: changesOf({ ...before }, { ...DEFAULT_TEMPLATES[k] }),
      });
      return { kind: k, ...DEFAULT_TEMPLATES[k], custom: false, placeholders: placeholdersOf(k) };
    });
  }

  private async current(em: EntityManager, kind: AuthMailKind): Promise<MailTemplate> {
    const rows = await em.execute<Array<{ subject: string; text_body: string; html_body: string }>>(
      'select subject, text_body, html_body from auth.mail_templates where kind = ?',
      [kind],
    );
    const r = rows[0];
    return r
      ? { subject: r.subject, text: r.text_body, html: r.html_body }
      : DEFAULT_TEMPLATES[kind];
  }
}
