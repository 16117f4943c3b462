import { z } from 'zod';

/**
 * Gatehouse's configuration, read from the process environment and validated once.
 * Every variable is documented in `.env.example`. A bad value stops start-up with a message that
 * names the variable and says what is expected.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgresql:// connection URL, e.g. postgresql://user:pass@db:5432/gatehouse');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL connection URL. Unset: the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
  /** Folder for the embedded database and generated local secrets. */
  DATA_DIR: optionalString.default('.data'),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Gatehouse cannot start: its configuration has ${problems.length === 1 ? 'a problem' : 'problems'}:\n` +
      problems.map((p) => `  - ${p}`).join('\n') + '\nSee .env.example for every variable and its meaning.');
    this.name = 'EnvError';
  }
}

/** Validates a given environment (tests pass their own); throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process (validated on first use, then memoised). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
