/**
 * ETags and conditional requests. A stored record's ETag is its version number (`"7"`), so the If-Match a
 * client sends back is exactly the `expectedVersion` the repositories check atomically; other reads get a
 * weak ETag of their JSON. See docs/api.md.
 */
import type { Concurrency } from "../../../schemas/api/contract";
import { API_PROBLEM_TYPES } from "../../../schemas/api/problem";
import { ApiProblemError } from "./problems.server";

export const versionEtag = (version: number) => `"${version}"`;

export function contentEtag(json: string): string {
  return `W/"${new Bun.CryptoHasher("sha1").update(json).digest("base64url")}"`;
}

const preconditionRequired = (detail: string) =>
  new ApiProblemError({ type: API_PROBLEM_TYPES.preconditionRequired, title: "Precondition Required", status: 428, detail });

export const preconditionFailed = (
  detail = "If-Match does not match the current version: read it again (new ETag) and apply your change to that.",
) => new ApiProblemError({ type: API_PROBLEM_TYPES.preconditionFailed, title: "Precondition Failed", status: 412, detail });

/**
 * The version an If-Match names, for `write` and `upsert` endpoints. Missing → 428 (`upsert`: undefined,
 * meaning "create"). A tag that can never be ours (weak, not a version, several) → 412.
 */
export function expectedVersionFrom(request: Request, concurrency: Concurrency | undefined): number | undefined {
  if (concurrency !== "write" && concurrency !== "upsert") return undefined;
  const header = request.headers.get("if-match")?.trim();
  if (!header) {
    if (concurrency === "upsert") return undefined;
    throw preconditionRequired("Send If-Match with the ETag you last read, so a change made meanwhile by someone else is not overwritten.");
  }
  if (header === "*") throw preconditionRequired("If-Match: * is not enough here: send the ETag you last read.");
  const match = /^"([1-9][0-9]{0,14})"$/.exec(header);
  if (!match) throw preconditionFailed();
  return Number(match[1]);
}

/** RFC 9110 weak comparison of If-None-Match with the current ETag. */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const current = opaque(etag);
  return header.split(",").some((tag) => opaque(tag) === current);
}
