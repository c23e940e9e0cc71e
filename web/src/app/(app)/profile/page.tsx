'use client';
// The signed-in user's own account: password, email address, second factor, signed-in devices.
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { ChangePassword, ChangeEmail } from '../../../components/profile-account.tsx';
import { SecondFactor } from '../../../components/profile-second-factor.tsx';
import { Sessions } from '../../../components/profile-sessions.tsx';
import { ErrorBanner, Loading } from '../../../components/ui.tsx';
import { identity } from '../../../lib/identity.ts';

export default function ProfilePage() {
  return (
    <Suspense>
      <Profile />
    </Suspense>
  );
}

function Profile() {
  const enroll = useSearchParams().get('enroll') === '1';
  const profile = useQuery({ queryKey: ['profile'], queryFn: identity.profile });
  if (profile.error) return <ErrorBanner error={profile.error} />;
  if (!profile.data) return <Loading />;
  const { me, mySecondFactor, mySessions } = profile.data;
  const reload = () => void profile.refetch();
  return (
    <div className="page">
      <h1>Your account</h1>
      {enroll && !mySecondFactor.enabled ? (
        <div className="banner-warn" role="alert" data-testid="enroll-required">
          Your dealership requires two-step sign-in for your role. Set up an authenticator app
          below, then sign out and sign in again.
        </div>
      ) : null}
      <p>
        {me.displayName} ({me.username})
      </p>
      <section className="card">
        <h2>Password</h2>
        <ChangePassword onDone={reload} />
      </section>
      <section className="card">
        <h2>Email address</h2>
        <ChangeEmail email={me.email} verified={me.emailVerified} onDone={reload} />
      </section>
      <section className="card">
        <h2>Two-step sign-in</h2>
        <SecondFactor status={mySecondFactor} onChange={reload} />
      </section>
      <section className="card">
        <h2>Signed-in devices</h2>
        <Sessions sessions={mySessions} onChange={reload} />
      </section>
    </div>
  );
}
