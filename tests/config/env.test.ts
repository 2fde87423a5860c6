import { describe, expect, test } from "bun:test";
import { APP_ENVS, ConfigError, loadConfig, PROFILES } from "../../server/config/env";

const CLERK = {
  CLERK_SECRET_KEY: "sk_test_abcdefghijklmnop",
  CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
  CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
  CLERK_AUTHORIZED_PARTIES: "https://app.example.com",
};
const REMOTE = {
  PRIMARY_DATABASE_URL: "mongodb+srv://app:s3cret@cluster0.example.net/vsme?retryWrites=true",
  SCOPE321_DATABASE_URL: "mongodb+srv://reader:r3ad@shared.example.net/",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("expected the configuration to be refused");
}

describe("configuration defaults", () => {
  test("an empty environment is the development profile with the embedded database", () => {
    const config = loadConfig({});
    expect(config.appEnv).toBe("development");
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe("info");
    expect(config.database.primary.url).toBeUndefined();
    expect(config.database.embedded).toMatchObject({ allowed: true, storage: "disk" });
    expect(config.database.embedded.dataDir.startsWith(".data/")).toBe(true);
    expect(config.database.external.name).toBe("co2-intensities-dev");
    expect(config.http.corsOrigins).toEqual([]);
  });

  test.each([
    ["development", "co2-intensities-dev"],
    ["test", "co2-intensities-test"],
    ["staging", "co2-intensities-staging"],
    ["production", "co2-intensities"],
  ] as const)("%s reads the external database %s unless EXTERNAL_DATABASE_NAME says otherwise", (appEnv, name) => {
    expect(loadConfig({ APP_ENV: appEnv, ...REMOTE, ...CLERK }).database.external.name).toBe(name);
    expect(loadConfig({ APP_ENV: appEnv, ...REMOTE, ...CLERK, EXTERNAL_DATABASE_NAME: "other" }).database.external.name).toBe("other");
  });

  test("blank variables count as unset", () => {
    const config = loadConfig({ APP_ENV: "", PORT: "  ", PRIMARY_DATABASE_URL: "", LOG_LEVEL: "" });
    expect(config.appEnv).toBe("development");
    expect(config.port).toBe(3000);
    expect(config.database.primary.url).toBeUndefined();
  });

  test("the configuration cannot be changed after loading", () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config.database.pool as { maxPoolSize: number }).maxPoolSize = 1000;
    }).toThrow();
    expect(() => {
      (config.http.corsOrigins as string[]).push("https://evil.example");
    }).toThrow();
  });
});

describe("per-environment profiles", () => {
  const load = (appEnv: (typeof APP_ENVS)[number]) => loadConfig({ APP_ENV: appEnv, ...REMOTE, ...CLERK });

  test("development: info logging (the query log waits for LOG_LEVEL=debug), detailed errors", () => {
    const c = load("development");
    expect([c.logLevel, c.database.queryLogging, c.http.exposeErrorDetails]).toEqual(["info", true, true]);
    expect(loadConfig({ APP_ENV: "development", LOG_LEVEL: "debug" }).logLevel).toBe("debug");
  });

  test("test: query logging, detailed errors, the smallest pools, in-memory embedded database", () => {
    const c = load("test");
    expect(c.database.queryLogging).toBe(true);
    expect(c.http.exposeErrorDetails).toBe(true);
    expect(c.database.embedded.storage).toBe("memory");
    for (const other of ["development", "staging", "production"] as const) {
      expect(c.database.pool.maxPoolSize).toBeLessThan(PROFILES[other].pool.maxPoolSize);
    }
  });

  test("staging: Server-Timing and slow-query log, no internal details in responses", () => {
    const c = load("staging");
    expect(c.http.serverTiming).toBe(true);
    expect(c.database.slowQueryMs).toBeGreaterThan(0);
    expect(c.http.exposeErrorDetails).toBe(false);
    expect(c.database.queryLogging).toBe(false);
  });

  test("production: monitoring, error tracking, the largest pools, no internal details", () => {
    const c = load("production");
    expect(c.http.serverTiming).toBe(true);
    expect(c.observability.errorTracking).toBe(true);
    expect(c.http.exposeErrorDetails).toBe(false);
    for (const other of ["development", "test", "staging"] as const) {
      expect(c.database.pool.maxPoolSize).toBeGreaterThan(PROFILES[other].pool.maxPoolSize);
    }
  });

  test.each(APP_ENVS)("%s bounds every database wait", (appEnv) => {
    const { timeouts } = load(appEnv).database;
    for (const value of Object.values(timeouts)) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(30_000);
    }
  });

  test("LOG_LEVEL overrides the profile's level", () => {
    expect(loadConfig({ APP_ENV: "production", ...REMOTE, ...CLERK, LOG_LEVEL: "WARN" }).logLevel).toBe("warn");
  });
});

describe("databases and keys", () => {
  test("the primary database name comes from PRIMARY_DATABASE_NAME, else the URL path, else the profile", () => {
    expect(loadConfig({ APP_ENV: "production", ...REMOTE, ...CLERK }).database.primary.name).toBe("vsme");
    expect(
      loadConfig({ APP_ENV: "production", ...REMOTE, ...CLERK, PRIMARY_DATABASE_NAME: "vsme-eu" }).database.primary.name,
    ).toBe("vsme-eu");
    expect(loadConfig({ APP_ENV: "test" }).database.primary.name).toBe("vsme-guru-test");
  });

  test("the seed's NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is accepted", () => {
    const config = loadConfig({
      APP_ENV: "production",
      ...REMOTE,
      CLERK_SECRET_KEY: CLERK.CLERK_SECRET_KEY,
      CLERK_JWT_KEY: CLERK.CLERK_JWT_KEY,
      CLERK_AUTHORIZED_PARTIES: CLERK.CLERK_AUTHORIZED_PARTIES,
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k",
    });
    expect(config.clerk.publishableKey).toBe("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
  });

  test("a PEM stored on one line with literal \\n gets real newlines", () => {
    const config = loadConfig({ ...CLERK, CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkq\\n-----END PUBLIC KEY-----" });
    expect(config.clerk.jwtKey).toBe("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----");
  });

  test("API keys: 600 requests per minute unless API_KEY_RATE_LIMIT_PER_MINUTE says otherwise", () => {
    expect(loadConfig({}).apiKeys.rateLimitPerMinute).toBe(600);
    expect(loadConfig({ API_KEY_RATE_LIMIT_PER_MINUTE: "1200" }).apiKeys.rateLimitPerMinute).toBe(1200);
    expect(problemsOf({ API_KEY_RATE_LIMIT_PER_MINUTE: "0" })).toEqual([expect.stringMatching(/^API_KEY_RATE_LIMIT_PER_MINUTE: /)]);
  });

  test("Clerk keys come as a set of three; the local key takes no other publishable key", () => {
    expect(problemsOf({ CLERK_PUBLISHABLE_KEY: CLERK.CLERK_PUBLISHABLE_KEY }).map((p) => p.split(":")[0]).sort()).toEqual([
      "CLERK_JWT_KEY",
      "CLERK_SECRET_KEY",
    ]);
  });

  test("CORS_ORIGIN is a comma-separated list of origins", () => {
    const config = loadConfig({ CORS_ORIGIN: "https://app.example.com, http://localhost:5173" });
    expect(config.http.corsOrigins).toEqual(["https://app.example.com", "http://localhost:5173"]);
  });
});

describe("refusing to start", () => {
  test.each(["staging", "production"] as const)("%s without database URLs or Clerk keys names each missing variable", (appEnv) => {
    const problems = problemsOf({ APP_ENV: appEnv });
    const variables = problems.map((p) => p.split(":")[0]).sort();
    expect(variables).toEqual([
      "CLERK_AUTHORIZED_PARTIES",
      "CLERK_JWT_KEY",
      "CLERK_PUBLISHABLE_KEY",
      "CLERK_SECRET_KEY",
      "PRIMARY_DATABASE_URL",
      "SCOPE321_DATABASE_URL",
    ]);
    for (const problem of problems) expect(problem).toContain(`required in ${appEnv}`);
  });

  test("production with only the external URL missing is refused too: no fallback to the embedded server", () => {
    const problems = problemsOf({ APP_ENV: "production", ...CLERK, PRIMARY_DATABASE_URL: REMOTE.PRIMARY_DATABASE_URL });
    expect(problems).toEqual([expect.stringMatching(/^SCOPE321_DATABASE_URL: required in production/)]);
  });

  test("every wrong value is reported at once, by variable name", () => {
    const problems = problemsOf({
      APP_ENV: "development",
      PORT: "eighty",
      LOG_LEVEL: "loud",
      CORS_ORIGIN: "https://ok.example,https://bad.example/path",
      PRIMARY_DATABASE_URL: "postgres://user:pw@db/x",
      CLERK_SECRET_KEY: "not-a-key",
    });
    const variables = problems.map((p) => p.split(":")[0]).sort();
    expect(variables).toEqual(["CLERK_SECRET_KEY", "CORS_ORIGIN", "LOG_LEVEL", "PORT", "PRIMARY_DATABASE_URL"]);
  });

  test("an unknown APP_ENV is refused with the allowed values", () => {
    const [problem] = problemsOf({ APP_ENV: "prod" });
    expect(problem).toContain("APP_ENV");
    for (const env of APP_ENVS) expect(problem).toContain(env);
  });

  test("the error message never repeats a secret", () => {
    let message = "";
    try {
      loadConfig({ APP_ENV: "production", PRIMARY_DATABASE_URL: "postgres://admin:hunter2@db/x", CLERK_SECRET_KEY: "sk_prod_hunter3" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("PRIMARY_DATABASE_URL");
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("hunter3");
  });
});
