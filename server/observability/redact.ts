/**
 * Secrets must never reach a log line, whatever the caller passes: a driver error message may quote the
 * connection string, an error may carry a Clerk key. Redaction therefore runs on every string the logger
 * writes, not only on fields we expect to be sensitive.
 */
const SECRET_FIELD = /(pass(word)?|secret|secret[-_]?key|token|authorization|cookie|api[-_]?key|private[-_]?key|jwt[-_]?key)$/i;

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // mongodb://user:password@host → mongodb://user:***@host (also other URL schemes with credentials)
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^:/?#@\s]+):([^@/?#\s]+)@/gi, "$1$2:***@"],
  [/\b(sk|pk|ak)_(test|live)_[A-Za-z0-9+/=_-]+/g, "$1_$2_***"],
  [/-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g, "-----BEGIN $1-----***-----END $1-----"],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g, "$1 ***"],
  // A session JWT quoted anywhere else (a cookie header, a query string, an error message).
  [/\beyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, "***jwt***"],
];

export function redactString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Deep copy with secrets masked; cycles and depth are bounded so a hostile object cannot hang logging. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value) || depth > 6) return "[…]";
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactString(value.message) };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = code;
    if (value.stack) out.stack = redactString(value.stack);
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = SECRET_FIELD.test(key) && child != null && child !== "" ? "***" : redact(child, depth + 1, seen);
  }
  return out;
}
