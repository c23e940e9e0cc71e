'use client';
// The audit log (audit.read): every recorded write of the platform, newest first, filtered by what
// changed (entity type and id), the action, who (a user's or integration client's id) and when;
// entries link to the record they are about; the filtered log downloads as CSV.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Pager } from '../../../../components/pager.tsx';
import { Button, Empty, ErrorBanner, Field, Loading } from '../../../../components/ui.tsx';
import {
  useAdminAuditLogCsvQuery,
  useAdminAuditLogQuery,
  type AdminAuditLogQuery,
  type AuditLogFilter,
} from '../../../../generated/graphql.ts';
import { fieldErrors } from '../../../../lib/errors.ts';
import { dateTime } from '../../../../lib/format.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';
import { useCursorPages } from '../../../../lib/use-cursor-pages.ts';
import { useDebouncedValue } from '../../../../lib/use-debounced-value.ts';

type Entry = AdminAuditLogQuery['auditLog']['edges'][number]['node'];

const ENTITY_TYPES = ['Deal', 'Customer', 'Vehicle', 'User', 'Role', 'ApiClient', 'Dealership'];

/** Where an entry's record is shown in the app, when it has a page. */
function entityHref(e: Entry): string | null {
  switch (e.entityType) {
    case 'Deal':
      return `/deals/${e.entityId}`;
    case 'Customer':
      return `/customers/${e.entityId}`;
    case 'Vehicle':
      return `/inventory/${e.entityId}`;
    case 'User':
      return '/admin/users';
    case 'Role':
      return '/admin/roles';
    case 'ApiClient':
      return '/admin/clients';
    default:
      return null;
  }
}

export default function AuditPage() {
  const state = useSession();
  if (!hasPermission(state, 'audit.read'))
    return <Empty>The audit log needs the audit.read permission.</Empty>;
  return <Audit />;
}

/** A day typed in the date inputs as the start of that day in the browser's time zone. */
const dayStart = (day: string, plus = 0) => {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plus);
  return d.toISOString();
};

function Audit() {
  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const typed = useDebouncedValue(`${entityId.trim()}|${action.trim()}|${actorId.trim()}`, 250);
  const [id, act, actor] = typed.split('|');
  const filter: AuditLogFilter = {
    entityType: entityType || undefined,
    entityId: id || undefined,
    action: act || undefined,
    actorId: actor || undefined,
    from: dayStart(from),
    to: dayStart(to, 1),
  };
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [entityType, id, act, actor, from, to, reset]);
  const query = useAdminAuditLogQuery(
    { filter, first: 50, after: pages.after },
    { placeholderData: (previous) => previous },
  );
  const errors = fieldErrors(query.error, 'filter');
  const [download, setDownload] = useState<{ busy: boolean; note?: string; error?: unknown }>({
    busy: false,
  });
  const onDownload = async () => {
    setDownload({ busy: true });
    try {
      // Fetched on demand (a button), not kept in the query cache.
      const d = await useAdminAuditLogCsvQuery.fetcher({ filter })();
      const { csv, rows, truncated } = d.auditLogCsv;
      saveFile(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`, csv);
      setDownload({
        busy: false,
        note: truncated
          ? `Downloaded the newest ${rows} entries; narrow the dates for the rest.`
          : `Downloaded ${rows} entries.`,
      });
    } catch (error) {
      setDownload({ busy: false, error });
    }
  };
  const connection = query.data?.auditLog;
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Audit log</h1>
        <Button onClick={() => void onDownload()} busy={download.busy}>
          Download CSV
        </Button>
      </div>
      {download.note ? <p role="status">{download.note}</p> : null}
      <ErrorBanner error={download.error} />
      <div className="card row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <Field id="audit-entity-type" label="Record type">
          <select
            id="audit-entity-type"
            value={entityType}
            onChange={(e) => setEntityType(e.target.value)}
          >
            <option value="">Any</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-entity-id" label="Record id" error={errors.entityId}>
          <input
            id="audit-entity-id"
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
          />
        </Field>
        <Field id="audit-action" label="Action" error={errors.action}>
          <input id="audit-action" value={action} onChange={(e) => setAction(e.target.value)} />
        </Field>
        <Field id="audit-actor" label="By (user or client id)" error={errors.actorId}>
          <input id="audit-actor" value={actorId} onChange={(e) => setActorId(e.target.value)} />
        </Field>
        <Field id="audit-from" label="From" error={errors.from}>
          <input
            id="audit-from"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </Field>
        <Field id="audit-to" label="To" error={errors.to}>
          <input id="audit-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      {!connection ? (
        query.isPending ? (
          <Loading />
        ) : (
          <ErrorBanner error={query.error} />
        )
      ) : connection.edges.length === 0 ? (
        <Empty>No entries match.</Empty>
      ) : (
        <>
          <table aria-label="Audit entries">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Record</th>
                <th>Changes</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node: e }) => (
                <AuditRow key={e.id} entry={e} onActor={setActorId} />
              ))}
            </tbody>
          </table>
          <Pager
            page={pages.page}
            hasNext={connection.pageInfo.hasNextPage}
            busy={query.isFetching}
            onBack={pages.back}
            onNext={() => pages.next(connection.pageInfo.endCursor)}
          />
        </>
      )}
    </>
  );
}

function AuditRow({ entry: e, onActor }: { entry: Entry; onActor: (id: string) => void }) {
  const href = entityHref(e);
  const who =
    e.actor.kind === 'SYSTEM'
      ? 'system'
      : `${e.actor.username ?? e.actor.id ?? '?'}${e.actor.kind === 'CLIENT' ? ' (integration)' : ''}`;
  return (
    <tr data-action={e.action} data-entity-type={e.entityType}>
      <td>{dateTime(e.at)}</td>
      <td>
        {e.actor.id ? (
          <button
            type="button"
            title="Show only this actor's entries"
            style={{
              background: 'none',
              border: 0,
              padding: 0,
              color: 'inherit',
              cursor: 'pointer',
              textDecoration: 'underline',
            }}
            onClick={() => onActor(e.actor.id!)}
          >
            {who}
          </button>
        ) : (
          who
        )}
      </td>
      <td>{e.action}</td>
      <td>
        {e.entityType}{' '}
        {href ? <Link href={href}>{e.entityId.slice(0, 8)}</Link> : <code>{e.entityId}</code>}
      </td>
      <td>
        {e.changes.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {e.changes.map((c) => (
              <li key={c.field}>
                {c.field}:{' '}
                {c.sealed ? (
                  <span className="muted">changed (not shown)</span>
                ) : (
                  `${c.from ?? '∅'} → ${c.to ?? '∅'}`
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <span className="muted">{e.address ?? ''}</span>
      </td>
    </tr>
  );
}

function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
