'use client';
// CSV import of users (admin.users). Two steps, both on the server: "Check file" validates the whole
// file (a dry run: every bad line listed, nothing written); "Invite N users" creates them all INVITED
// with their invitation mails, or none if anything changed meanwhile (the answer then lists why).
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Button, Empty, ErrorBanner, Field } from '../../../../../components/ui.tsx';
import {
  useImportUsersMutation,
  type ImportUsersMutation,
} from '../../../../../generated/graphql.ts';
import { hasPermission, useSession } from '../../../../../lib/session.ts';

type Outcome = ImportUsersMutation['importUsers'];
type Step = 'idle' | 'checking' | 'checked' | 'inviting' | 'done';

const COLUMN: Record<string, string> = {
  username: 'username',
  displayName: 'displayName',
  email: 'email',
  roles: 'roles',
};

export default function ImportUsersPage() {
  const state = useSession();
  if (!hasPermission(state, 'admin.users'))
    return <Empty>Importing users needs the admin.users permission.</Empty>;
  return <ImportUsers />;
}

function ImportUsers() {
  const client = useQueryClient();
  const run = useImportUsersMutation();
  const [csv, setCsv] = useState<string | null>(null);
  const [step, setStep] = useState<Step>('idle');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const go = async (dryRun: boolean) => {
    if (csv === null) return;
    setStep(dryRun ? 'checking' : 'inviting');
    try {
      const { importUsers } = await run.mutateAsync({ csv, dryRun });
      setOutcome(importUsers);
      setStep(dryRun || importUsers.errors.length ? 'checked' : 'done');
      if (!dryRun) await client.invalidateQueries({ queryKey: ['UserAccounts'] });
    } catch {
      setStep('idle');
    }
  };
  const clean = outcome !== null && outcome.errors.length === 0;
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Import users (CSV)</h1>
        <Link className="btn" href="/admin/users">
          Users
        </Link>
      </div>
      <div className="card">
        <p className="muted">
          Header line: username, displayName, email, roles (several roles separated by ; or |). At
          most 500 users. Each is invited by mail to choose a password.
        </p>
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <Field id="users-csv" label="CSV file">
            <input
              id="users-csv"
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                setOutcome(null);
                setStep('idle');
                setCsv(file ? await file.text() : null);
              }}
            />
          </Field>
          <Button disabled={csv === null} busy={step === 'checking'} onClick={() => void go(true)}>
            Check file
          </Button>
          {step === 'checked' && clean ? (
            <Button variant="primary" busy={run.isPending} onClick={() => void go(false)}>
              Invite {outcome.lines} users
            </Button>
          ) : null}
        </div>
        <p role="status" className="muted">
          {step === 'checking'
            ? 'Checking every line…'
            : step === 'inviting'
              ? `Creating ${outcome?.lines ?? ''} users and queueing their invitations…`
              : ''}
        </p>
      </div>
      <ErrorBanner error={run.error} />
      {outcome ? <Report outcome={outcome} done={step === 'done'} /> : null}
    </>
  );
}

function Report({ outcome, done }: { outcome: Outcome; done: boolean }) {
  if (done)
    return (
      <div className="card" data-testid="users-import-report">
        <div className="banner-ok">
          {outcome.created} users invited. They appear as Invited until they choose a password.
        </div>
        <ul>
          {outcome.users.map((u) => (
            <li key={u.id}>
              {u.username} — {u.displayName} ({u.roles.join(', ')})
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="card" data-testid="users-import-report">
      {outcome.errors.length === 0 ? (
        <div className="banner-ok">All {outcome.lines} lines are good. Nothing is created yet.</div>
      ) : (
        <>
          <div className="banner-warn">
            {outcome.errors.length} problem(s) in {outcome.lines} lines: nothing was created. Fix
            the file and check it again.
          </div>
          <table aria-label="Refused lines">
            <thead>
              <tr>
                <th>Line</th>
                <th>Column</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.map((e, i) => (
                <tr key={i} data-line={e.line}>
                  <td>{e.line}</td>
                  <td>{COLUMN[e.field] ?? e.field}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
