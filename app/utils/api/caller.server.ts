/**
 * Who calls the API, through auth's helpers (app/utils/auth.server.ts): an organization API key
 * (`Authorization: Bearer vsme_…`, its scopes deciding) or a verified Clerk session, bound to the active
 * organization's repositories, holding the contract's permission. Session-only endpoints (managing API keys)
 * refuse API keys: a key cannot mint keys. An API-key caller's RateLimit headers go on the answer; on refusals
 * the server adds them from `context.responseHeaders` (set by authenticateApiRequest).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { AnyEndpointContract } from "../../../schemas/api/contract";
import { API_PROBLEM_TYPES } from "../../../schemas/api/problem";
import type { TenantRepositories } from "../../../server/repositories";
import { authenticateApiRequest, requireTenant, type Tenant } from "../auth.server";
import { ApiProblemError } from "./problems.server";

export type ApiIdentity = Tenant["identity"];

export interface ApiCaller {
  identity: ApiIdentity;
  repos: TenantRepositories;
  /** Headers every answer to this caller carries (API keys: RateLimit, RateLimit-Policy). */
  headers: Headers;
}

export async function authenticateApiCaller(
  args: Pick<LoaderFunctionArgs, "request" | "context" | "params">,
  contract: AnyEndpointContract,
): Promise<ApiCaller> {
  // 401/429 as problem+json; counted once per request (the rate limit) however often auth asks again below.
  const authentication = await authenticateApiRequest(args);
  if (!authentication.ok) throw authentication.response;
  if (contract.sessionOnly && authentication.identity.via !== "session") {
    throw new ApiProblemError({
      type: API_PROBLEM_TYPES.forbidden,
      title: "Forbidden",
      status: 403,
      detail: "This needs a signed-in person: API keys cannot manage API keys.",
    });
  }
  const { identity, repos } = await requireTenant(args, contract.access === "signed-in" ? undefined : contract.access);
  return { identity, repos, headers: authentication.headers };
}
