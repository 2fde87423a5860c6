/**
 * Organization API keys for the Settings → API keys page and the API: every function requires an admin
 * (`api-keys:manage`, which no API key scope grants) of the active organization.
 *
 *   const { key, secret } = await createApiKey(args, formValues);   // secret: show once, never again
 *   const { items } = await listApiKeys(args);                      // prefix, name, scopes, created…, no hash
 *   await revokeApiKey(args, id);                                    // 404 for another organization's id
 */
import type { ApiKeyCreate } from "../../schemas/api-key";
import { requireTenant, type AuthArgs } from "./auth.server";

// The page's action parses with it; imported from here so the page's browser code never loads Zod.
export { ApiKeyCreateSchema } from "../../schemas/api-key";

export async function createApiKey(args: AuthArgs, input: unknown) {
  const { repos } = await requireTenant(args, "api-keys:manage");
  return args.context.auth.apiKeys.create(repos, input);
}

export async function listApiKeys(args: AuthArgs, options: { limit?: number; cursor?: string | null } = {}) {
  const { repos } = await requireTenant(args, "api-keys:manage");
  return args.context.auth.apiKeys.list(repos, options);
}

export async function revokeApiKey(args: AuthArgs, id: string) {
  const { repos } = await requireTenant(args, "api-keys:manage");
  return args.context.auth.apiKeys.revoke(repos, id);
}

export type { ApiKeyCreate };
