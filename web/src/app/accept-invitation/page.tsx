'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { Button, ErrorBanner, Field } from '../../components/ui.tsx';
import { fieldErrors } from '../../lib/errors.ts';
import { identity, useAction } from '../../lib/identity.ts';

function AcceptForm() {
  const token = useSearchParams().get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction(identity.acceptInvitation);
  const errors = fieldErrors(action.error);
  if (action.result)
    return (
      <main className="signin card">
        <h1>Welcome aboard</h1>
        <p role="status" data-testid="invitation-accepted">
          Your account is ready. <Link href="/sign-in">Sign in</Link> with your username (it is in
          the invitation mail) and the password you chose.
        </p>
      </main>
    );
  return (
    <main className="signin card">
      <h1>Choose your password</h1>
      <p>
        Your administrator created an account for you. At least 12 characters. A few unrelated words
        make a good one; common passwords are refused.
      </p>
      <ErrorBanner error={errors.password ? null : action.error} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMismatch(password !== again);
          if (password === again) void action.run(token, password);
        }}
      >
        <Field id="newPassword" label="Password" error={errors.password}>
          <input
            id="newPassword"
            type="password"
            autoComplete="new-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <div style={{ height: 12 }} />
        <Field
          id="again"
          label="Password again"
          error={mismatch ? 'The two passwords differ.' : undefined}
        >
          <input
            id="again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </Field>
        <div style={{ height: 16 }} />
        <Button type="submit" variant="primary" busy={action.busy}>
          Create my account
        </Button>
      </form>
      <p style={{ marginTop: 16 }}>
        The link works once, for 7 days. If it has expired, ask your administrator to send a new
        invitation.
      </p>
    </main>
  );
}

export default function AcceptInvitationPage() {
  return (
    <Suspense>
      <AcceptForm />
    </Suspense>
  );
}
