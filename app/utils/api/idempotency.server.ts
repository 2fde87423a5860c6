/**
 * `Idempotency-Key` on POST (docs/api.md): the same key with the same request returns the stored answer, the
 * same key with another request is refused (422), a key whose first request is still running answers 409.
 * Answers of 5xx are not stored: the key is released so the client's retry runs again.
 */
import { API_PROBLEM_TYPES } from "../../../schemas/api/problem";
import type { TenantRepositories } from "../../../server/repositories";
import { isDataError } from "../../../server/repositories/errors";
import type { IdempotencyKeyRecord } from "../../../server/repositories/idempotency-keys";
import { ApiProblemError, invalidRequest } from "./problems.server";

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Headers worth repeating on a replay; the request id and rate-limit headers belong to the new request. */
const REPLAYED_HEADERS = ["content-type", "etag", "location", "link", "cache-control"];

export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.headers.get("idempotency-key");
  if (key === null) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw invalidRequest("Idempotency-Key must be 1–255 visible ASCII characters.", [
      { in: "header", pointer: "/Idempotency-Key", message: "1–255 visible ASCII characters" },
    ]);
  }
  return key;
}

export function fingerprintOf(method: string, url: URL, body: string): string {
  return new Bun.CryptoHasher("sha256").update(`${method} ${url.pathname}${url.search}\n${body}`).digest("hex");
}

type Claim = { replay: Response } | { record: IdempotencyKeyRecord };

/** Either the stored answer to replay, or the claimed record to complete with `store`. */
export async function claimIdempotencyKey(
  repos: TenantRepositories,
  principal: string,
  key: string,
  fingerprint: string,
): Promise<Claim> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await repos.idempotencyKeys.find(principal, key);
    if (existing) return { replay: replayOf(existing, fingerprint) };
    try {
      return { record: await repos.idempotencyKeys.claim(principal, key, fingerprint) };
    } catch (error) {
      // Another request claimed it between our read and our insert: read it again.
      if (!(isDataError(error) && error.name === "ConflictError")) throw error;
    }
  }
  throw inUse();
}

const inUse = () =>
  new ApiProblemError(
    {
      type: API_PROBLEM_TYPES.idempotencyKeyInUse,
      title: "Conflict",
      status: 409,
      detail: "A request with this Idempotency-Key is still being processed; retry in a moment.",
    },
    { "Retry-After": "1" },
  );

function replayOf(record: IdempotencyKeyRecord, fingerprint: string): Response {
  if (record.fingerprint !== fingerprint) {
    throw new ApiProblemError({
      type: API_PROBLEM_TYPES.idempotencyKeyReused,
      title: "Idempotency-Key reused",
      status: 422,
      detail: "This Idempotency-Key was used for a different request (another body or path). Use a new key for a new request.",
    });
  }
  if (record.state !== "complete" || !record.response) throw inUse();
  const headers = new Headers(record.response.headers);
  headers.set("Idempotent-Replayed", "true");
  return new Response(record.response.status === 204 ? null : record.response.body, { status: record.response.status, headers });
}

/** Stores the answer for replays (2xx–4xx), or releases the key (5xx). Returns the response unchanged. */
export async function storeIdempotentResponse(
  repos: TenantRepositories,
  record: IdempotencyKeyRecord,
  response: Response,
): Promise<Response> {
  if (response.status >= 500) {
    await repos.idempotencyKeys.release(record).catch(() => {});
    return response;
  }
  const body = response.status === 204 ? "" : await response.clone().text();
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  await repos.idempotencyKeys.complete(record, { status: response.status, headers, body });
  return response;
}

export async function releaseIdempotencyKey(repos: TenantRepositories, record: IdempotencyKeyRecord): Promise<void> {
  await repos.idempotencyKeys.release(record).catch(() => {});
}
