/**
 * The project's local signing key: a development/test-only stand-in for a Clerk instance, so `npm run dev` and
 * the tests sign in on the real verification path (Clerk's own code, networkless with CLERK_JWT_KEY) without a
 * Clerk account. Its private half is committed (dev-only-keys/) and therefore public: a deployment that trusted
 * this key would accept tokens anyone can mint. Staging and production refuse to start when CLERK_JWT_KEY is
 * this key (server/config/env.ts), and only development/test ever load the private half
 * (server/auth/local-sign-in.ts). See docs/decisions/0040-clerk-sessions-and-local-sign-in.md.
 */
import { resolve } from "node:path";

/** Clerk caches parsed keys per process by `kid` forever: this one is never reused for another key. */
export const LOCAL_SIGNING_KID = "ins_vsmeguru_local_dev_2026_12";

export const LOCAL_SIGNING_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA9CFKdgNYXYe8prA7HXFZ
xVzo1v0z4nPSuD1FuMijnUXN+IDEkjhi5vnw9uGpWV3D7c6Vm+aMxtnR5ANHZSJC
8xl3hWK0/qGkUeqadcH3a+4JjB1NnoJPpowUhyTiNfqEmpOsKJyDDgJcv2SaW2/E
j+zQL4SuKboxti5V/R7fvw9bU/DjRayxiamg0V9Z/bMcX6eKjRR2MTR2A4VtQbG7
EgD9Jt55zeqKB01TBUcb9pccotS5BhibUn6tT+QM/Ep++0XwKoHec96BpWP+OYR6
+HrO2YubzFGRlAu+a9AACEfIsB8Mz9T5fAMbI6AvDysrdfRIc3RN38cCryRI7vTr
zwIDAQAB
-----END PUBLIC KEY-----`;

/**
 * A host that is never a real Clerk frontend API. `.localhost` never leaves the machine, so even a
 * misconfigured browser script could not reach a third party.
 */
export const LOCAL_FRONTEND_API = "clerk.vsme-guru.localhost";
export const LOCAL_ISSUER = `https://${LOCAL_FRONTEND_API}`;

/**
 * `pk_live_`-style on purpose: a `pk_test_` key makes Clerk redirect page requests without a dev-browser
 * cookie to its handshake URL, a dead end without Clerk; a live-style key simply reads "signed out".
 */
export const LOCAL_PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${LOCAL_FRONTEND_API}$`).toString("base64")}`;

/** The Clerk SDK insists on a secret key; with CLERK_JWT_KEY set it never uses it. */
export const LOCAL_SECRET_KEY = "sk_live_localDevelopmentOnlyNeverSentAnywhere";

export const LOCAL_PRIVATE_KEY_PATH = resolve(import.meta.dir, "../../dev-only-keys/local-clerk-signing-key.pem");

const normalizePem = (pem: string) => pem.replace(/\\n/g, "\n").replace(/\s+/g, "");

/** True when `pem` is the public half of the local key (whitespace and one-line \n forms included). */
export function isLocalSigningKey(pem: string | undefined): boolean {
  return pem !== undefined && normalizePem(pem) === normalizePem(LOCAL_SIGNING_PUBLIC_KEY);
}
