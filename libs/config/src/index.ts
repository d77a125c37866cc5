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

/** One browser origin: scheme, host and port, exactly as a browser sends it in `Origin`. */
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/**
 * The HTTP surface of a service with an API: the management listener (health and metrics, kept off
 * the API port), request size and rate limits, and the browser origins allowed to call it.
 */
export const httpConfig = z.object({
  /** Where /health and /metrics answer (and nothing else); default the API port + 1000. */
  MANAGEMENT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Loopback by default: probes and scrapers run beside the service, not on the API's network. */
  MANAGEMENT_HOST: z.string().min(1).default('127.0.0.1'),
  /** The largest JSON body accepted; agency events and commands are a few kilobytes. */
  HTTP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(64 * 1024),
  /** Requests one client (one bearer token, else one address) may make per window. */
  HTTP_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  HTTP_RATE_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Comma-separated browser origins allowed by CORS (e.g. https://ui.example.org); none by default. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .refine((origins) => origins.every(isOrigin), {
      error:
        'CORS_ALLOWED_ORIGINS must be a comma-separated list of origins such as https://ui.example.org (no path, no trailing slash)',
    }),
});

/** How a service's HTTP listeners and protections are set, resolved from its configuration. */
export interface HttpSettings {
  port: number;
  managementPort: number;
  managementHost: string;
  bodyLimitBytes: number;
  rateLimit: { limit: number; windowMs: number };
  corsOrigins: string[];
}

/** Offset of the default management port from the API port (3000 → 4000). */
export const managementPortOffset = 1000;

/** The HTTP settings of a parsed configuration; throws a ConfigError when the ports collide. */
export function httpSettingsOf(
  config: z.infer<typeof httpConfig> & { PORT: number },
): HttpSettings {
  const managementPort = config.MANAGEMENT_PORT ?? config.PORT + managementPortOffset;
  if (managementPort > 65535) {
    throw new ConfigError([
      `MANAGEMENT_PORT is required when PORT (${config.PORT}) + ${managementPortOffset} is past 65535`,
    ]);
  }
  if (managementPort === config.PORT) {
    throw new ConfigError([
      `MANAGEMENT_PORT and PORT are both ${config.PORT}: health and metrics need a port of their own`,
    ]);
  }
  return {
    port: config.PORT,
    managementPort,
    managementHost: config.MANAGEMENT_HOST,
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
    rateLimit: { limit: config.HTTP_RATE_LIMIT, windowMs: config.HTTP_RATE_WINDOW_S * 1000 },
    corsOrigins: config.CORS_ALLOWED_ORIGINS,
  };
}
