// The identity screens' calls (sign-in help, profile, second factor, sessions) and a small hook for
// one-shot form actions. Plain requestGraphQL: these are few, simple and mostly mutations.
import { useCallback, useState } from 'react';
import { requestGraphQL } from './fetcher.ts';

export interface MySession {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

export interface Profile {
  me: {
    id: string;
    username: string;
    displayName: string;
    email: string | null;
    emailVerified: boolean;
  };
  mySecondFactor: { enabled: boolean; backupCodesLeft: number };
  mySessions: MySession[];
}

export const identity = {
  profile: () =>
    requestGraphQL<Profile, Record<string, never>>(
      `query Profile {
        me { id username displayName email emailVerified }
        mySecondFactor { enabled backupCodesLeft }
        mySessions { id userAgent ipAddress createdAt lastUsedAt current }
      }`,
    ),
  requestPasswordReset: (login: string) =>
    requestGraphQL(
      'mutation RequestPasswordReset($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }',
      { input: { login } },
    ),
  resetPassword: (token: string, newPassword: string) =>
    requestGraphQL(
      'mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) }',
      { input: { token, newPassword } },
    ),
  acceptInvitation: (token: string, password: string) =>
    requestGraphQL(
      'mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) }',
      { input: { token, password } },
    ),
  changePassword: (currentPassword: string, newPassword: string) =>
    requestGraphQL(
      'mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }',
      { input: { currentPassword, newPassword } },
    ),
  updateMyEmail: (email: string) =>
    requestGraphQL(
      'mutation UpdateMyEmail($email: String!) { updateMyEmail(email: $email) { id } }',
      {
        email,
      },
    ),
  verifyEmail: (token: string) =>
    requestGraphQL('mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }', {
      token,
    }),
  unlockAccount: (token: string) =>
    requestGraphQL('mutation UnlockAccount($token: String!) { unlockAccount(token: $token) }', {
      token,
    }),
  enrollTotp: () =>
    requestGraphQL<
      { enrollTotp: { secret: string; otpauthUri: string; qrCodeSvg: string } },
      Record<string, never>
    >('mutation EnrollTotp { enrollTotp { secret otpauthUri qrCodeSvg } }').then(
      (d) => d.enrollTotp,
    ),
  confirmTotp: (code: string) =>
    requestGraphQL<{ confirmTotp: string[] }, { code: string }>(
      'mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) }',
      { code },
    ).then((d) => d.confirmTotp),
  regenerateBackupCodes: (code: string) =>
    requestGraphQL<{ regenerateBackupCodes: string[] }, { code: string }>(
      'mutation RegenerateBackupCodes($code: String!) { regenerateBackupCodes(code: $code) }',
      { code },
    ).then((d) => d.regenerateBackupCodes),
  disableTotp: (code: string) =>
    requestGraphQL('mutation DisableTotp($code: String!) { disableTotp(code: $code) }', { code }),
  endSession: (id: string) =>
    requestGraphQL('mutation EndSession($id: ID!) { endSession(id: $id) }', { id }),
  endOtherSessions: () =>
    requestGraphQL<{ endOtherSessions: number }, Record<string, never>>(
      'mutation EndOtherSessions { endOtherSessions }',
    ).then((d) => d.endOtherSessions),
};

/** Runs one action at a time; keeps its error for the banner and its result for the screen. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<R | undefined>(undefined);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const value = await fn(...args);
        setResult(value);
        return value;
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error, result, reset: () => setResult(undefined) };
}
