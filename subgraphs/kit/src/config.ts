// Configuration from the environment, validated once at start. A missing or invalid variable stops
// the process with a message that names it, instead of failing later in some request.
import { z } from 'zod';

export class ConfigError extends Error {
  readonly variables: string[];
  constructor(problems: Array<{ variable: string; message: string }>) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}

export type Env = Record<string, string | undefined>;

/** Parse `env` with a zod object whose keys are the variable names. Throws ConfigError. */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(config)'),
    message: issue.message,
  }));
  throw new ConfigError(problems);
}

/** For process entry points: print the problem and exit with status 78 (EX_CONFIG). */
export function loadConfigOrExit<S extends z.ZodObject>(
  schema: S,
  env: Env = process.env,
): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
      process.exit(78);
    }
    throw error;
  }
}

// Reusable field types.
export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);
export const url = () => z.url();
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
export const secret = (minLength = 16) =>
  z.string().min(minLength, `must be at least ${minLength} characters`);
export const nodeEnv = () => z.enum(['development', 'production', 'test']).default('production');
export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
