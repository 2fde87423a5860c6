/**
 * What the Clerk SDK is given on every request, decided once from the configuration. Either the Clerk
 * instance the deployment is configured with ("clerk"), or — in development and test with no Clerk keys, or
 * with CLERK_JWT_KEY set to the project's local key — the local stand-in ("local"), whose tokens the very same
 * Clerk code verifies.
 */
import type { Config } from "../config/env";
import {
  LOCAL_ISSUER,
  LOCAL_PUBLISHABLE_KEY,
  LOCAL_SECRET_KEY,
  LOCAL_SIGNING_PUBLIC_KEY,
  isLocalSigningKey,
} from "./local-signing-key";

export type AuthMode = "clerk" | "local";

export interface ClerkSettings {
  readonly mode: AuthMode;
  readonly publishableKey: string;
  readonly secretKey: string;
  readonly jwtKey: string;
  /** Empty: `azp` is not checked (development/test only; staging and production require it). */
  readonly authorizedParties: readonly string[];
  /** `https://<frontend API host>`, the `iss` of the instance's session tokens. */
  readonly issuer: string;
  /** The frontend API host (where clerk-js and the hosted pages live); what the CSP must allow. */
  readonly frontendApi: string;
}

const LOCAL_ALLOWED = new Set(["development", "test"]);

/** Null when there is nothing to verify sessions with (a half-configured Clerk is refused by env.ts). */
export function clerkSettingsFor(config: Config): ClerkSettings | null {
  const { publishableKey, secretKey, jwtKey, authorizedParties } = config.clerk;
  const localAllowed = LOCAL_ALLOWED.has(config.appEnv);
  if (isLocalSigningKey(jwtKey) || (!publishableKey && !secretKey && !jwtKey)) {
    if (!localAllowed) return null;
    return Object.freeze({
      mode: "local" as const,
      publishableKey: LOCAL_PUBLISHABLE_KEY,
      secretKey: LOCAL_SECRET_KEY,
      jwtKey: LOCAL_SIGNING_PUBLIC_KEY,
      authorizedParties: Object.freeze([...authorizedParties]),
      issuer: LOCAL_ISSUER,
      frontendApi: frontendApiOf(LOCAL_PUBLISHABLE_KEY),
    });
  }
  if (!publishableKey || !secretKey || !jwtKey) return null;
  const frontendApi = frontendApiOf(publishableKey);
  return Object.freeze({
    mode: "clerk" as const,
    publishableKey,
    secretKey,
    jwtKey,
    authorizedParties: Object.freeze([...authorizedParties]),
    issuer: `https://${frontendApi}`,
    frontendApi,
  });
}

/** `pk_(test|live)_` + base64 of `<host>$`. */
export function frontendApiOf(publishableKey: string): string {
  const encoded = publishableKey.replace(/^pk_(test|live)_/, "");
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  return decoded.endsWith("$") ? decoded.slice(0, -1) : decoded;
}
