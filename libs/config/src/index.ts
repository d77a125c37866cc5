import { z } from 'zod';

/** Configuration that cannot be used; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const kafkaConnectionFields = {
  KAFKA_BROKERS: z
    .string({ error: 'KAFKA_BROKERS is required (comma-separated host:port list)' })
    .min(1)
    .transform((value) => value.split(',').map((broker) => broker.trim())),
  /** The SCRAM-SHA-512 user the service connects as; with the two below, or none of the three. */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** Instead of KAFKA_SASL_PASSWORD: a file holding it (a Docker or Kubernetes secret). */
  KAFKA_SASL_PASSWORD_FILE: z.string().min(1).optional(),
  /** PEM file of the CA that signed the broker's certificate (TLS is on whenever SASL is). */
  // Read when a client is made (kafkaClientOptions), so that a configuration can be checked on a
  // machine that does not hold the file (docker-compose.spec.ts).
  KAFKA_CA_FILE: z.string().min(1).optional(),
};

/** The settings that say how to reach Kafka and who to be there. */
export const kafkaConnectionConfig = z.object(kafkaConnectionFields);
export type KafkaConnectionConfig = z.infer<typeof kafkaConnectionConfig>;

const kafkaSecurityVariables = [
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_CA_FILE',
] as const;

/**
 * SASL without TLS would send the SCRAM exchange in clear, and TLS without SASL would reach a broker
 * that refuses anonymous clients: the three Kafka security settings come together or not at all.
 * Checked here rather than in the schema so that services can still `.extend()` it.
 */
function kafkaSecurityProblems(parsed: unknown): string[] {
  if (typeof parsed !== 'object' || parsed === null) return [];
  const values = parsed as Record<string, unknown>;
  if (values.KAFKA_SASL_PASSWORD !== undefined && values.KAFKA_SASL_PASSWORD_FILE !== undefined) {
    return ['KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: give one of them'];
  }
  const given = kafkaSecurityVariables.filter(
    (name) =>
      values[name] !== undefined ||
      (name === 'KAFKA_SASL_PASSWORD' && values.KAFKA_SASL_PASSWORD_FILE !== undefined),
  );
  if (given.length === 0 || given.length === kafkaSecurityVariables.length) return [];
  const missing = kafkaSecurityVariables.filter((name) => !given.includes(name));
  return [
    `${given.join(' and ')} ${given.length === 1 ? 'is' : 'are'} set but ${missing.join(' and ')} ` +
      `${missing.length === 1 ? 'is' : 'are'} not: give all of ${kafkaSecurityVariables.join(', ')} ` +
      '(SCRAM-SHA-512 over TLS) or none (a broker without security)',
  ];
}

/** Where the hub's infrastructure is; every service needs these. */
export const infrastructureConfig = z.object({
  ...kafkaConnectionFields,
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

/**
 * Where the master key is that wraps every person's data key (envelope encryption of sensitive
 * content at rest). The file is read at start-up by the service (a missing, unreadable or malformed
 * file is a ConfigError then), so that a configuration can be checked on a machine without it.
 */
export const encryptionConfig = z.object({
  HUB_MASTER_KEY_FILE: z
    .string({
      error:
        'HUB_MASTER_KEY_FILE is required: a file holding the master key (32 random bytes, base64); `npm run stack:up` makes one',
    })
    .min(1),
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
  const problems = kafkaSecurityProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
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

/** How to reach Kafka and as whom, from the environment (tools and tests; services load more). */
export function loadKafkaConnection(env: NodeJS.ProcessEnv = process.env): KafkaConnectionConfig {
  return loadConfig(kafkaConnectionConfig, env);
}
