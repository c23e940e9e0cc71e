'use client';
// The wording of the messages sign-in and accounts send (admin.settings): pick a message, edit its
// subject, text and HTML with the placeholders it may use, preview it filled with sample values (the
// HTML in a sandboxed frame: no script of it runs in this page), save, or go back to the default.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  useAdminMailTemplatesQuery,
  useMailTemplatePreviewQuery,
  useResetMailTemplateMutation,
  useUpdateMailTemplateMutation,
  type AdminMailTemplateFragment,
  type MailTemplatePreviewQuery,
} from '../generated/graphql.ts';
import { fieldErrors } from '../lib/errors.ts';
import { Button, ErrorBanner, Field, Loading } from './ui.tsx';

export function MailTemplatesEditor() {
  const query = useAdminMailTemplatesQuery();
  const [kind, setKind] = useState('invitation');
  if (query.isPending) return <Loading />;
  if (!query.data) return <ErrorBanner error={query.error} />;
  const template = query.data.mailTemplates.find((t) => t.kind === kind);
  return (
    <section className="card" aria-label="Messages">
      <h2>Messages</h2>
      <Field id="mail-kind" label="Message">
        <select id="mail-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {query.data.mailTemplates.map((t) => (
            <option key={t.kind} value={t.kind}>
              {t.kind}
              {t.custom ? ' (your wording)' : ''}
            </option>
          ))}
        </select>
      </Field>
      {template ? (
        <TemplateForm
          key={`${template.kind}:${template.custom}:${template.subject}`}
          template={template}
        />
      ) : null}
    </section>
  );
}

function TemplateForm({ template }: { template: AdminMailTemplateFragment }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState({
    subject: template.subject,
    text: template.text,
    html: template.html,
  });
  const [preview, setPreview] = useState<MailTemplatePreviewQuery['mailTemplatePreview'] | null>(
    null,
  );
  const [previewError, setPreviewError] = useState<unknown>(null);
  const save = useUpdateMailTemplateMutation();
  const reset = useResetMailTemplateMutation();
  const errors = fieldErrors(save.error ?? previewError);
  const refresh = () => client.invalidateQueries({ queryKey: ['AdminMailTemplates'] });
  const onPreview = async () => {
    setPreviewError(null);
    try {
      const d = await useMailTemplatePreviewQuery.fetcher({ kind: template.kind, input: draft })();
      setPreview(d.mailTemplatePreview);
    } catch (error) {
      setPreview(null);
      setPreviewError(error);
    }
  };
  const area = (key: keyof typeof draft, label: string, rows: number) => (
    <Field id={`mail-${key}`} label={label} error={errors[key]}>
      <textarea
        id={`mail-${key}`}
        rows={rows}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </Field>
  );
  return (
    <>
      <p className="muted">
        {template.custom ? 'Your wording.' : 'The default wording.'} Placeholders:{' '}
        {template.placeholders.map((p) => `{{${p}}}`).join(' ')}
      </p>
      <ErrorBanner
        error={errors.subject || errors.text || errors.html ? null : (save.error ?? reset.error)}
      />
      {area('subject', 'Subject', 1)}
      {area('text', 'Text', 6)}
      {area('html', 'HTML', 6)}
      <div className="row">
        <Button onClick={() => void onPreview()}>Preview</Button>
        <Button
          variant="primary"
          busy={save.isPending}
          onClick={async () => {
            await save.mutateAsync({ kind: template.kind, input: draft });
            await refresh();
          }}
        >
          Save message
        </Button>
        {template.custom ? (
          <Button
            busy={reset.isPending}
            onClick={async () => {
              await reset.mutateAsync({ kind: template.kind });
              await refresh();
            }}
          >
            Back to the default
          </Button>
        ) : null}
      </div>
      {preview ? (
        <div className="card" aria-label="Preview">
          <p>
            <b data-testid="preview-subject">{preview.subject}</b>
          </p>
          <pre style={{ whiteSpace: 'pre-wrap' }}>{preview.text}</pre>
          <iframe
            title="HTML preview"
            sandbox=""
            srcDoc={preview.html}
            style={{ width: '100%', height: 200, border: '1px solid #ddd' }}
          />
        </div>
      ) : null}
    </>
  );
}
