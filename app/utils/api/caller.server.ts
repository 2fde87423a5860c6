/**
 * Who calls the API, through auth's helpers (app/utils/auth.server.ts): a verified Clerk session or an
 * organization API key, bound to the active organization's repositories, holding the contract's permission.
 * Session-only endpoints (managing API keys) refuse API keys: a key cannot mint keys.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { AnyEndpointContract } from "../../../schemas/api/contract";
import { API_PROBLEM_TYPES } from "../../../schemas/api/problem";
import type { TenantRepositories } from "../../../server/repositories";
import { requireTenant, type Tenant } from "../auth.server";
import { ApiProblemError } from "./problems.server";

export type ApiIdentity = Tenant["identity"];

export interface ApiCaller {
  identity: ApiIdentity;
  repos: TenantRepositories;
  /** Headers every answer to this caller carries (API keys: RateLimit-*). */
  headers?: Headers;
}

export async function authenticateApiCaller(
  args: Pick<LoaderFunctionArgs, "request" | "context" | "params">,
  contract: AnyEndpointContract,
): Promise<ApiCaller> {
  const { identity, repos } = await requireTenant(args, contract.access === "signed-in" ? undefined : contract.access);
  if (contract.sessionOnly && identity.via !== "session") {
    throw new ApiProblemError({
      type: API_PROBLEM_TYPES.forbidden,
      title: "Forbidden",
      status: 403,
      detail: "This needs a signed-in person: API keys cannot manage API keys.",
    });
  }
  return { identity, repos };
}
