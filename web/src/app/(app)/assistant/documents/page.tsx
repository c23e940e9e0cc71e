'use client';
// The dealership's documents the assistant searches and cites: list, upload (text, Markdown, or a
// PDF whose text is extracted on the server), delete, and a search box to see what a question finds.
// Managing needs ai.documents.manage; everyone with the assistant can see and search them.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Empty, ErrorBanner, Field, Loading } from '../../../../components/ui.tsx';
import {
  useAssistantDocumentsQuery,
  useDeleteAssistantDocumentMutation,
  useKnowledgeSearchQuery,
  useUploadAssistantDocumentMutation,
  type AssistantDocumentFormat,
} from '../../../../generated/graphql.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';

/** A chosen file as the API takes it: PDF bytes in base64, text as it is. */
async function fileContent(
  file: File,
): Promise<{ format: AssistantDocumentFormat; content: string }> {
  if (/\.pdf$/i.test(file.name) || file.type === 'application/pdf') {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { format: 'PDF', content: btoa(binary) };
  }
  const format = /\.(md|markdown)$/i.test(file.name) ? 'MARKDOWN' : 'TEXT';
  return { format, content: await file.text() };
}

function Upload({ onDone }: { onDone: () => void }) {
  const upload = useUploadAssistantDocumentMutation();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(upload.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const { format, content } = await fileContent(file);
    const saved = await upload
      .mutateAsync({ input: { title: title.trim() || file.name, format, content } })
      .catch(() => null);
    if (!saved) return;
    setDone(
      `“${saved.uploadAssistantDocument.title}” added (${saved.uploadAssistantDocument.chunkCount} passages).`,
    );
    setTitle('');
    onDone();
  };
  return (
    <form className="card row" onSubmit={(e) => void submit(e)}>
      <Field id="doc-title" label="Title" error={errors.title}>
        <input
          id="doc-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
        />
      </Field>
      <Field id="doc-file" label="File (.md, .txt or .pdf)" error={errors.content ?? errors.format}>
        <input
          id="doc-file"
          type="file"
          accept=".md,.markdown,.txt,.pdf,text/plain,text/markdown,application/pdf"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </Field>
      <Button type="submit" variant="primary" busy={upload.isPending} disabled={!file}>
        Upload
      </Button>
      {done ? (
        <p className="banner-ok" role="status">
          {done}
        </p>
      ) : null}
      {upload.error && Object.keys(errors).length === 0 ? (
        <ErrorBanner error={upload.error} />
      ) : null}
    </form>
  );
}

function Search() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const found = useKnowledgeSearchQuery({ query }, { enabled: query !== '' });
  return (
    <section className="card">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <Field id="knowledge-query" label="What would the assistant find for…">
          <input id="knowledge-query" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <Button type="submit" disabled={!text.trim()}>
          Search
        </Button>
      </form>
      {found.error ? <ErrorBanner error={found.error} /> : null}
      <ol data-testid="knowledge-hits">
        {(found.data?.knowledgeSearch ?? []).map((h) => (
          <li key={`${h.documentId}:${h.snippet}`}>
            {h.url ? <a href={h.url}>{h.title}</a> : <strong>{h.title}</strong>}
            <span className="muted"> — {h.snippet}</span>
          </li>
        ))}
      </ol>
      {found.data && found.data.knowledgeSearch.length === 0 ? (
        <Empty>Nothing matches.</Empty>
      ) : null}
    </section>
  );
}

export default function AssistantDocumentsPage() {
  const state = useSession();
  const canManage = hasPermission(state, 'ai.documents.manage');
  const client = useQueryClient();
  const documents = useAssistantDocumentsQuery();
  const remove = useDeleteAssistantDocumentMutation();
  const refresh = () =>
    void client.invalidateQueries({ queryKey: useAssistantDocumentsQuery.getKey() });
  return (
    <>
      <h1>Assistant documents</h1>
      <p className="muted">
        Policies, lender guidelines, F&amp;I product terms and training notes the assistant searches
        and cites. Each state&apos;s tax rules are included for everyone.
      </p>
      {canManage ? <Upload onDone={refresh} /> : null}
      <Search />
      {documents.isLoading ? <Loading /> : null}
      {documents.error ? <ErrorBanner error={documents.error} /> : null}
      {remove.error ? <ErrorBanner error={remove.error} /> : null}
      {documents.data?.assistantDocuments.length === 0 ? <Empty>No documents yet.</Empty> : null}
      <ul className="card" aria-label="Documents">
        {documents.data?.assistantDocuments.map((d) => (
          <li key={d.id} className="row" data-testid="assistant-document">
            <strong>{d.title}</strong>
            <span className="muted">
              {d.format} · {d.chunkCount} passages · {d.characters.toLocaleString()} characters
              {d.uploadedBy ? ` · by ${d.uploadedBy}` : ''} ·{' '}
              {new Date(d.createdAt).toLocaleDateString()}
            </span>
            {canManage ? (
              <Button
                variant="danger"
                busy={remove.isPending && remove.variables?.id === d.id}
                onClick={() => {
                  if (
                    window.confirm(`Delete “${d.title}”? The assistant will no longer find it.`)
                  ) {
                    void remove.mutateAsync({ id: d.id }).then(refresh, () => undefined);
                  }
                }}
              >
                Delete
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
