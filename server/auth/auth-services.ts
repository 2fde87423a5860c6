/**
 * Everything sign-in needs per server, built once at start-up and handed to routes on the load context
 * (`context.auth`): the Clerk settings the SDK verifies with, the organization API keys, and — only in the
 * local mode of development and test — the local sign-in that can mint tokens.
 */
import type { Config } from "../config/env";
import type { AppServices } from "../services/app-services";
import { createApiKeyService, type ApiKeyService } from "./api-keys/api-key-service";
import { clerkSettingsFor, type ClerkSettings } from "./clerk-settings";
import { createLocalSignIn, type LocalSignIn } from "./local-sign-in";
import { createSessionKeyIdGate, type SessionKeyIdGate } from "./session-key-ids";
import { createVerifiedSessionCache, type VerifiedSessionCache } from "./verified-sessions";

export interface AuthServices {
  readonly clerk: ClerkSettings;
  /** Null unless the app runs in development/test with the local signing key. */
  readonly localSignIn: LocalSignIn | null;
  /** Organization API keys: authenticate, create, list, revoke (with the lookup cache and rate limit). */
  readonly apiKeys: ApiKeyService;
  /** Lets a session token reach Clerk only with a key id our key signed (Clerk's kid cache stays bounded). */
  readonly sessionKeyIds: SessionKeyIdGate;
  /** Sessions Clerk verified, remembered until their token expires (at most 10 s): repeated requests skip RS256. */
  readonly verifiedSessions: VerifiedSessionCache;
}

export async function createAuthServices(config: Config, services: () => Promise<AppServices>): Promise<AuthServices> {
  const clerk = clerkSettingsFor(config);
  // env.ts refuses half-configured keys and staging/production without keys, so this is a programming error.
  if (!clerk) throw new Error(`No way to verify sessions in ${config.appEnv}: configure the Clerk keys`);
  const localSignIn = clerk.mode === "local" ? await createLocalSignIn(config.appEnv, clerk) : null;
  const apiKeys = createApiKeyService({ data: async () => (await services()).data, policy: config.apiKeys });
  const sessionKeyIds = createSessionKeyIdGate(clerk.jwtKey);
  return Object.freeze({ clerk, localSignIn, apiKeys, sessionKeyIds, verifiedSessions: createVerifiedSessionCache() });
}
