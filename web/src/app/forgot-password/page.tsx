'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Button, ErrorBanner, Field } from '../../components/ui.tsx';
import { fieldErrors } from '../../lib/errors.ts';
import { identity, useAction } from '../../lib/identity.ts';

export default function ForgotPasswordPage() {
  const [login, setLogin] = useState('');
  const action = useAction(identity.requestPasswordReset);
  const errors = fieldErrors(action.error);
  return (
    <main className="signin card">
      <h1>Forgot your password?</h1>
      {action.result ? (
        <p role="status" data-testid="reset-requested">
          If an account matches, we sent a link to its email address. The link works once, for 30
          minutes. No mail? Ask your administrator.
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(login.trim());
          }}
        >
          <p>Enter your username or email address. We mail a link to set a new password.</p>
          <ErrorBanner error={Object.keys(errors).length ? null : action.error} />
          <Field id="login" label="Username or email" error={errors.login}>
            <input id="login" autoFocus value={login} onChange={(e) => setLogin(e.target.value)} />
          </Field>
          <div style={{ height: 16 }} />
          <Button type="submit" variant="primary" busy={action.busy}>
            Send the link
          </Button>
        </form>
      )}
      <p style={{ marginTop: 16 }}>
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </main>
  );
}
