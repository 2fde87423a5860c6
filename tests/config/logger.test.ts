import { describe, expect, test } from "bun:test";
import { createLogger, redactString, requestIdFrom, type LogRecord } from "../../server/observability/logger";

function capture(level: Parameters<typeof createLogger>[0]["level"]) {
  const lines: string[] = [];
  const records: LogRecord[] = [];
  const logger = createLogger({ level, sink: (record, line) => (records.push(record), lines.push(line)) });
  return { logger, lines, records };
}

describe("structured logging", () => {
  test("writes one JSON object per line with time, level and message", () => {
    const { logger, lines } = capture("info");
    logger.info("server listening", { port: 3000 });
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!);
    expect(parsed).toMatchObject({ level: "info", msg: "server listening", port: 3000 });
    expect(new Date(parsed.time).toString()).not.toBe("Invalid Date");
  });

  test("drops records below the configured level", () => {
    const { logger, records } = capture("warn");
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(records.map((r) => r.level)).toEqual(["warn", "error"]);
    const silent = capture("silent");
    silent.logger.error("nothing");
    expect(silent.records).toHaveLength(0);
  });

  test("child loggers carry the request id on every record", () => {
    const { logger, records } = capture("debug");
    const child = logger.child({ requestId: "req-1" });
    child.info("a");
    child.child({ step: 2 }).warn("b");
    expect(records.map((r) => r.requestId)).toEqual(["req-1", "req-1"]);
    expect(records[1]!.step).toBe(2);
  });
});

describe("secrets never reach the log", () => {
  test("connection strings keep the user and hide the password", () => {
    expect(redactString("connecting to mongodb+srv://app:p%40ss@cluster0.example.net/vsme")).toBe(
      "connecting to mongodb+srv://app:***@cluster0.example.net/vsme",
    );
    expect(redactString("mongodb://root:pw@127.0.0.1:27017,127.0.0.2:27017/?replicaSet=rs")).toBe(
      "mongodb://root:***@127.0.0.1:27017,127.0.0.2:27017/?replicaSet=rs",
    );
  });

  test("Clerk keys, PEM keys and bearer tokens are masked wherever they appear", () => {
    const { logger, lines } = capture("debug");
    const error = new Error("auth failed for sk_live_9a8b7c6d5e4f with Bearer eyJhbGciOi.eyJzdWIi.sig");
    logger.error("boom", {
      error,
      nested: { url: "mongodb://u:topsecret@h/db", clerk: { publishable: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k" } },
      jwtKey: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
      password: "plain",
      headers: { authorization: "Basic abc", cookie: "__session=xyz" },
    });
    const line = lines[0]!;
    for (const secret of ["9a8b7c6d5e4f", "eyJhbGciOi", "topsecret", "Y2xlcmsuZXhhbXBsZS5jb20k", "MIIBIjAN", "plain", "Basic abc", "xyz"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("mongodb://u:***@h/db");
    expect(line).toContain("sk_live_***");
  });

  test("a secret key under any casing of its field name, and a session JWT quoted outside a Bearer header", () => {
    const { logger, lines } = capture("debug");
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl";
    logger.warn("config", {
      clerk: { secretKey: "not-prefixed-secret-value", secret_key: "another-one" },
      request: { header: `__session=${jwt}; theme=dark`, url: `/callback?token_hint=${jwt}` },
    });
    const line = lines[0]!;
    for (const secret of ["not-prefixed-secret-value", "another-one", "c2lnbmF0dXJl", "eyJzdWIiOiJ1c2VyXzEifQ"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("theme=dark");
  });

  test("errors keep their name, message and cause", () => {
    const { logger, records } = capture("debug");
    logger.error("failed", { error: new Error("outer", { cause: new TypeError("inner") }) });
    expect(records[0]!.error).toMatchObject({ name: "Error", message: "outer", cause: { name: "TypeError", message: "inner" } });
  });
});

describe("request ids", () => {
  test("a safe incoming X-Request-Id is kept, anything else is replaced", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "abc-123" }))).toBe("abc-123");
    const replaced = requestIdFrom(new Headers({ "x-request-id": "<script>" }));
    expect(replaced).not.toBe("<script>");
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers())).not.toBe(requestIdFrom(new Headers()));
  });
});
