'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { Button, ErrorBanner, Field } from '../../components/ui.tsx';
import { fieldErrors } from '../../lib/errors.ts';
import { identity, useAction } from '../../lib/identity.ts';

function ResetForm() {
  const token = useSearchParams().get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction(identity.resetPassword);
  const errors = fieldErrors(action.error);
  if (action.result)
    return (
      <main className="signin card">
        <h1>Password changed</h1>
        <p role="status" data-testid="reset-done">
          Every session was signed out. <Link href="/sign-in">Sign in</Link> with the new password.
        </p>
      </main>
    );
  return (
    <main className="signin card">
      <h1>Choose a new password</h1>
      <p>
        At least 12 characters. A few unrelated words make a good one; common passwords are refused.
      </p>
      <ErrorBanner error={errors.newPassword ? null : action.error} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMismatch(password !== again);
          if (password === again) void action.run(token, password);
        }}
      >
        <Field id="newPassword" label="New password" error={errors.newPassword}>
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
          label="New password again"
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
          Set the password
        </Button>
      </form>
      <p style={{ marginTop: 16 }}>
        <Link href="/forgot-password">Ask for a new link</Link>
      </p>
    </main>
  );
}

export default function ResetPasswordPage() {
  return (
    <Suspense>
      <ResetForm />
    </Suspense>
  );
}
