import { z } from 'zod';

/** Configuration that cannot be used; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Where the hub's infrastructure is; every service needs these. */
export const infrastructureConfig = z.object({
  KAFKA_BROKERS: z
    .string({ error: 'KAFKA_BROKERS is required (comma-separated host:port list)' })
    .min(1)
    .transform((value) => value.split(',').map((broker) => broker.trim())),
  SCHEMA_REGISTRY_URL: z.url({
    error: 'SCHEMA_REGISTRY_URL is required (the Confluent-compatible API base URL)',
  }),
  MONGO_URL: z
    .string({ error: 'MONGO_URL is required (a mongodb:// connection string)' })
    .regex(/^mongodb(\+srv)?:\/\//, {
      error: 'MONGO_URL must be a mongodb:// connection string',
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

/** Parses the environment against `schema`, reporting every problem at once. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

/** The identity provider whose access tokens a service with an API accepts. */
export const identityConfig = z.object({
  OIDC_ISSUER_URL: z.url({
    error:
      "OIDC_ISSUER_URL is required: the identity provider's issuer, e.g. http://127.0.0.1:28180/realms/mappa-hub",
  }),
  /** How far the provider's clock and ours may differ when checking a token's times. */
  OIDC_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
});
