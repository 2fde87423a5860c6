/**
 * Leveled, structured logging: one JSON object per line on stdout (stderr for warn/error), so any log
 * shipper can parse it. Every record passes through redaction (see redact.ts).
 */
import { LOG_LEVELS, type LogLevel } from "../config/profiles";
import { redact } from "./redact";

export { redact, redactString } from "./redact";

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;
export type LogRecord = { time: string; level: Exclude<LogLevel, "silent">; msg: string } & LogFields;
export type LogSink = (record: LogRecord, line: string) => void;

export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  isEnabled(level: Exclude<LogLevel, "silent">): boolean;
  /** A logger whose records all carry `fields` (e.g. a request id). */
  child(fields: LogFields): Logger;
}

export const consoleSink: LogSink = (record, line) => {
  if (SEVERITY[record.level] >= SEVERITY.warn) process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
};

export function createLogger(options: { level: LogLevel; base?: LogFields; sink?: LogSink }): Logger {
  if (!(LOG_LEVELS as readonly string[]).includes(options.level)) throw new Error(`Unknown log level ${options.level}`);
  const threshold = SEVERITY[options.level];
  const sink = options.sink ?? consoleSink;
  const base = options.base ?? {};

  const write = (level: Exclude<LogLevel, "silent">, msg: string, fields?: LogFields) => {
    if (SEVERITY[level] < threshold) return;
    const record = redact({ time: new Date().toISOString(), level, msg, ...base, ...fields }) as LogRecord;
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg: record.msg, note: "fields were not serialisable" });
    }
    sink(record, line);
  };

  return {
    level: options.level,
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    isEnabled: (level) => SEVERITY[level] >= threshold,
    child: (fields) => createLogger({ level: options.level, base: { ...base, ...fields }, sink }),
  };
}

/** Request ids: accept a caller's id only if it is short and harmless, otherwise mint one. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}
