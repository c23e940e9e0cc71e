// The sign-in form's check, by hand: two boxes do not need the form library and zod in the page's
// first load.
export interface SignInValues {
  username: string;
  password: string;
}
export type SignInErrors = Partial<Record<keyof SignInValues, string>>;

/** What is missing, in words at the box (nothing is sent until both are there). */
export function signInErrors(v: SignInValues): SignInErrors {
  const errors: SignInErrors = {};
  if (!v.username.trim()) errors.username = 'Enter your username.';
  if (!v.password) errors.password = 'Enter your password.';
  return errors;
}
