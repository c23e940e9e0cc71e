// Mail templates are data: a subject, a text body and an HTML body with {{name}} placeholders. Each
// subgraph ships its defaults in code; a dealership's stored copy (edited by its admins) wins when
// present. Values are HTML-escaped in the HTML body, and never evaluated.

export interface MailTemplate {
  subject: string;
  text: string;
  html: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The placeholders a template uses (to check an edited template before it is stored). */
export function placeholdersOf(template: MailTemplate): string[] {
  const names = new Set<string>();
  for (const part of [template.subject, template.text, template.html])
    for (const m of part.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names];
}

/** Fills a template. An unknown placeholder throws: a typo must not send "{{link}}" to a customer. */
export function renderMail(template: MailTemplate, values: Record<string, string>): RenderedMail {
  const fill = (text: string, escape: boolean) =>
    text.replace(PLACEHOLDER, (_m, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`mail template uses unknown value {{${name}}}`);
      return escape ? escapeHtml(value) : value;
    });
  return {
    // Header injection: a subject is one line whatever the values hold.
    subject: fill(template.subject, false).replace(/[\r\n]+/g, ' '),
    text: fill(template.text, false),
    html: fill(template.html, true),
  };
}
