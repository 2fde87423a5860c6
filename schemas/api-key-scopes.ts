/**
 * The scopes an API key may be granted, without a schema library: the API-keys page lists them in the browser.
 * `./auth.ts` re-exports them beside their Zod enum and the permissions each grants.
 */

/** What an organization API key may be granted. Approving, reopening and managing keys need a person. */
export const API_KEY_SCOPES = [
  "reports:read",
  "reports:write",
  "company:read",
  "company:write",
  "reference:read",
] as const;
