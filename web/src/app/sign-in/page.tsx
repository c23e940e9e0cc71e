'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button, ErrorBanner, Field } from '../../components/ui.tsx';
import { safeNext } from '../../lib/navigation.ts';
import { session } from '../../lib/session.ts';
import { PAGE_TITLES, usePageTitle } from '../../lib/use-page-title.ts';

const schema = z.object({
  username: z.string().trim().min(1, 'Enter your username.'),
  password: z.string().min(1, 'Enter your password.'),
});
type Values = z.infer<typeof schema>;

function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { username: '', password: '' },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await session.signIn(values.username, values.password);
      router.replace(next);
    } catch (e) {
      setError(e);
    }
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <main className="signin card">
      <h1>Sign in to Autolytiq</h1>
      {expired ? (
        <div className="banner-warn">Your session ended. Sign in again to continue.</div>
      ) : null}
      <ErrorBanner error={error} />
      <form onSubmit={onSubmit} noValidate>
        <Field id="username" label="Username" error={errors.username?.message}>
          <input
            id="username"
            autoComplete="username"
            autoFocus
            {...form.register('username')}
            aria-invalid={!!errors.username}
          />
        </Field>
        <div style={{ height: 12 }} />
        <Field id="password" label="Password" error={errors.password?.message}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            {...form.register('password')}
            aria-invalid={!!errors.password}
          />
        </Field>
        <div style={{ height: 16 }} />
        <Button type="submit" variant="primary" busy={isSubmitting}>
          Sign in
        </Button>
      </form>
    </main>
  );
}

export default function SignInPage() {
  usePageTitle(PAGE_TITLES['/sign-in']);
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
