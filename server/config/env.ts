/**
 * The one place that reads the environment. It validates everything at start-up and fails fast with a list
 * of every problem at once, so an operator fixes a deployment in one go rather than one restart per variable.
 */
import { z } from "zod";
import { isLocalSigningKey } from "../auth/local-signing-key";
import { APP_ENVS, LOG_LEVELS, PROFILES, type AppEnv, type LogLevel, type Profile } from "./profiles";

export { APP_ENVS, LOG_LEVELS, PROFILES, type AppEnv, type LogLevel, type Profile };

export const DEFAULT_PORT = 3000;
export const DEFAULT_EMBEDDED_DATA_DIR = ".data/embedded-mongo";

const MONGODB_URL = /^mongodb(\+srv)?:\/\/[^/?#]+/;

/** Empty strings in a .env file mean "not set", not "set to nothing". */
const unsetIfBlank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = () => z.preprocess(unsetIfBlank, z.string().trim().optional());

const mongoUrl = () =>
  z.preprocess(
    unsetIfBlank,
    z
      .string()
      .trim()
      .regex(MONGODB_URL, { message: "must be a mongodb:// or mongodb+srv:// connection string" })
      .optional(),
  );

const databaseName = () =>
  z.preprocess(
    unsetIfBlank,
    z
      .string()
      .trim()
      .regex(/^[^/\\. "$*<>:|?]{1,63}$/, { message: "must be a MongoDB database name (no spaces, dots or slashes)" })
      .optional(),
  );

/** true/false/1/0 (any case), default false. */
const booleanVariable = () =>
  z.preprocess(
    (value) => {
      const v = unsetIfBlank(value);
      return typeof v === "string" ? v.trim().toLowerCase() : v;
    },
    z.enum(["true", "false", "1", "0"], { message: "must be true or false" }).default("false").transform((v) => v === "true" || v === "1"),
  );

const originList = () =>
  z.preprocess(
    unsetIfBlank,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        const origins = (value ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        for (const origin of origins) {
          if (!isOrigin(origin)) {
            ctx.addIssue({
              code: "custom",
              message: `"${origin}" is not an origin (expected scheme://host[:port], no path)`,
            });
          }
        }
        return origins;
      }),
  );

const EnvSchema = z.object({
  APP_ENV: z.preprocess(
    unsetIfBlank,
    z.enum(APP_ENVS, { message: `must be one of ${APP_ENVS.join(", ")}` }).default("development"),
  ),
  PRIMARY_DATABASE_URL: mongoUrl(),
  PRIMARY_DATABASE_NAME: databaseName(),
  SCOPE321_DATABASE_URL: mongoUrl(),
  EXTERNAL_DATABASE_NAME: databaseName(),
  CLERK_SECRET_KEY: z.preprocess(
    unsetIfBlank,
    z.string().trim().regex(/^sk_(test|live)_\S+$/, { message: "must start with sk_test_ or sk_live_" }).optional(),
  ),
  CLERK_PUBLISHABLE_KEY: z.preprocess(
    unsetIfBlank,
    z.string().trim().regex(/^pk_(test|live)_\S+$/, { message: "must start with pk_test_ or pk_live_" }).optional(),
  ),
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.preprocess(
    unsetIfBlank,
    z.string().trim().regex(/^pk_(test|live)_\S+$/, { message: "must start with pk_test_ or pk_live_" }).optional(),
  ),
  CLERK_JWT_KEY: z.preprocess(
    // Hosting dashboards often store a PEM on one line with literal "\n"; the Clerk SDK needs real newlines.
    (value) => {
      const v = unsetIfBlank(value);
      return typeof v === "string" ? v.replace(/\\n/g, "\n").trim() : v;
    },
    z
      .string()
      .regex(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/, {
        message: "must be the instance's PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)",
      })
      .optional(),
  ),
  CORS_ORIGIN: originList(),
  // The origins of this app's pages: session tokens whose `azp` names another site of the same Clerk instance
  // (apps that share the Clerk domain) are refused.
  CLERK_AUTHORIZED_PARTIES: originList(),
  PORT: z.preprocess(
    unsetIfBlank,
    z.coerce
      .number({ message: "must be a port number" })
      .int({ message: "must be a whole number" })
      .min(0, { message: "must be between 0 and 65535" })
      .max(65535, { message: "must be between 0 and 65535" })
      .default(DEFAULT_PORT),
  ),
  /** Interface to bind; default 127.0.0.1 in development and test, 0.0.0.0 in staging and production. */
  HOST: z.preprocess(
    unsetIfBlank,
    z.string().trim().regex(/^(\d{1,3}(\.\d{1,3}){3}|\[?[0-9a-f:]+\]?|localhost|[a-z0-9.-]+)$/i, { message: "must be an IP address or host name" }).optional(),
  ),
  /** Trust X-Forwarded-Host/-Proto (set "true" only behind a proxy that overwrites them). */
  TRUST_PROXY: booleanVariable(),
  /** Staging/production: refuse to start while migrations are pending (otherwise a warning names them). */
  REQUIRE_MIGRATED: booleanVariable(),
  /** Largest request body (bytes) outside file uploads; larger ones get 413 before anything parses them. */
  MAX_BODY_BYTES: z.preprocess(
    unsetIfBlank,
    z.coerce.number({ message: "must be a number of bytes" }).int({ message: "must be a whole number" }).min(1024, { message: "must be at least 1024" }).default(1024 * 1024),
  ),
  /** Memory of the rendered-page cache in MiB (docs/decisions/0062-rendered-page-cache.md); 0 turns it off. */
  PAGE_CACHE_MB: z.preprocess(
    unsetIfBlank,
    z.coerce.number({ message: "must be a number of MiB" }).min(0, { message: "must be 0 or more" }).max(4096, { message: "must be at most 4096" }).default(32),
  ),
  // Requests per minute each organization API key may make (all app instances together).
  API_KEY_RATE_LIMIT_PER_MINUTE: z.preprocess(
    unsetIfBlank,
    z.coerce
      .number({ message: "must be a number" })
      .int({ message: "must be a whole number" })
      .min(1, { message: "must be between 1 and 1000000" })
      .max(1_000_000, { message: "must be between 1 and 1000000" })
      .default(600),
  ),
  LOG_LEVEL: z.preprocess(
    (value) => {
      const v = unsetIfBlank(value);
      return typeof v === "string" ? v.trim().toLowerCase() : v;
    },
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).optional(),
  ),
});

/** Variables that staging and production cannot run without: no silent fallback to embedded pieces. */
const REQUIRED_OUTSIDE_DEVELOPMENT = [
  ["PRIMARY_DATABASE_URL", "the primary MongoDB connection string"],
  ["SCOPE321_DATABASE_URL", "the external (read-only) MongoDB connection string"],
  ["CLERK_SECRET_KEY", "the Clerk secret key"],
  ["CLERK_PUBLISHABLE_KEY", "the Clerk publishable key (or NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)"],
  // Session tokens are verified locally with it; without it the SDK would depend on reaching Clerk's API.
  ["CLERK_JWT_KEY", "the Clerk instance's JWT public key (PEM), for verifying sessions without calling Clerk"],
  ["CLERK_AUTHORIZED_PARTIES", "the origin(s) of this app, e.g. https://app.example.com (checked against the token's azp)"],
] as const;

/**
 * Clerk keys come as a set: a publishable key without the JWT key would make every request fetch Clerk's JWKS,
 * and the local development key signs for its own frontend host, so it takes no other publishable key.
 */
function clerkKeyProblems(vars: z.output<typeof EnvSchema>): string[] {
  const publishable = vars.CLERK_PUBLISHABLE_KEY ?? vars.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY;
  if (isLocalSigningKey(vars.CLERK_JWT_KEY)) {
    return publishable || vars.CLERK_SECRET_KEY
      ? ["CLERK_JWT_KEY: is the local development key; leave CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY empty with it"]
      : [];
  }
  const set = { CLERK_PUBLISHABLE_KEY: publishable, CLERK_SECRET_KEY: vars.CLERK_SECRET_KEY, CLERK_JWT_KEY: vars.CLERK_JWT_KEY };
  const missing = Object.entries(set).filter(([, value]) => !value);
  if (missing.length === 0 || missing.length === 3) return [];
  return missing.map(([name]) => `${name}: needed with the other Clerk keys (set all three, or none for the local sign-in)`);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value.replace(/\/$/, "");
  } catch {
    return false;
  }
}

function databaseNameFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  const name = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  return name || undefined;
}

export type Config = ReturnType<typeof buildConfig>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly appEnv: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid configuration for APP_ENV=${appEnv} — the server will not start:\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        "\nSee .env.example for what each variable means.",
    );
  }
}

type Env = Record<string, string | undefined>;

/**
 * Validates `env` and returns a frozen, typed configuration; throws ConfigError listing every problem.
 * Tests pass their own env object; the server passes process.env.
 */
export function loadConfig(env: Env = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const appEnvGuess = typeof env.APP_ENV === "string" && env.APP_ENV.trim() ? env.APP_ENV.trim() : "development";
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = issue.path.join(".") || "environment";
      problems.push(`${variable}: ${issue.message}`);
    }
  }
  const appEnv = parsed.success ? parsed.data.APP_ENV : (APP_ENVS as readonly string[]).includes(appEnvGuess) ? (appEnvGuess as AppEnv) : undefined;
  if (appEnv && !PROFILES[appEnv].embeddedDatabaseAllowed) {
    const publishable = env.CLERK_PUBLISHABLE_KEY?.trim() || env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY?.trim();
    for (const [name, what] of REQUIRED_OUTSIDE_DEVELOPMENT) {
      const value = name === "CLERK_PUBLISHABLE_KEY" ? publishable : env[name]?.trim();
      if (!value) problems.push(`${name}: required in ${appEnv} (${what})`);
    }
    if (isLocalSigningKey(env.CLERK_JWT_KEY)) {
      problems.push(
        `CLERK_JWT_KEY: is the project's local development key, whose private half is public; ${appEnv} must use the Clerk instance's key`,
      );
    }
  }
  if (parsed.success) {
    const reported = new Set(problems.map((problem) => problem.split(":")[0]));
    problems.push(...clerkKeyProblems(parsed.data).filter((problem) => !reported.has(problem.split(":")[0])));
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(appEnvGuess, problems);
  return deepFreeze(buildConfig(parsed.data));
}

function buildConfig(vars: z.output<typeof EnvSchema>) {
  const appEnv = vars.APP_ENV;
  const profile: Profile = PROFILES[appEnv];
  const logLevel: LogLevel = vars.LOG_LEVEL ?? profile.logLevel;
  return {
    appEnv,
    isProduction: appEnv === "production",
    port: vars.PORT,
    logLevel,
    profile,
    database: {
      appName: `vsme-guru-${appEnv}`,
      primary: {
        url: vars.PRIMARY_DATABASE_URL,
        name: vars.PRIMARY_DATABASE_NAME ?? databaseNameFromUrl(vars.PRIMARY_DATABASE_URL) ?? profile.primaryDatabaseName,
      },
      external: {
        url: vars.SCOPE321_DATABASE_URL,
        name: vars.EXTERNAL_DATABASE_NAME ?? profile.externalDatabaseName,
      },
      pool: profile.pool,
      timeouts: profile.timeouts,
      queryLogging: profile.queryLogging,
      requireMigrated: vars.REQUIRE_MIGRATED,
      slowQueryMs: profile.slowQueryMs,
      embedded: {
        allowed: profile.embeddedDatabaseAllowed,
        storage: profile.embeddedStorage,
        dataDir: DEFAULT_EMBEDDED_DATA_DIR,
      },
    },
    clerk: {
      secretKey: vars.CLERK_SECRET_KEY,
      publishableKey: vars.CLERK_PUBLISHABLE_KEY ?? vars.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      jwtKey: vars.CLERK_JWT_KEY,
      authorizedParties: vars.CLERK_AUTHORIZED_PARTIES as readonly string[],
    },
    apiKeys: {
      rateLimitPerMinute: vars.API_KEY_RATE_LIMIT_PER_MINUTE,
      /** How long a key lookup is trusted: a key revoked on another instance keeps working this long at most. */
      cacheMs: 5_000,
    },
    http: {
      corsOrigins: vars.CORS_ORIGIN as readonly string[],
      host: vars.HOST ?? (appEnv === "staging" || appEnv === "production" ? "0.0.0.0" : "127.0.0.1"),
      trustProxy: vars.TRUST_PROXY,
      maxBodyBytes: vars.MAX_BODY_BYTES,
      pageCacheBytes: Math.round(vars.PAGE_CACHE_MB * 1024 * 1024),
      serverTiming: profile.serverTiming,
      exposeErrorDetails: profile.exposeErrorDetails,
    },
    observability: {
      logLevel,
      errorTracking: profile.errorTracking,
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

let processConfig: Config | undefined;

/** The process-wide configuration from process.env, validated once. */
export function getConfig(): Config {
  processConfig ??= loadConfig(process.env);
  return processConfig;
}
