/**
 * Session tokens for tests, signed with the project's local key (what the app verifies in the test profile)
 * or with a foreign key pair, and sent the way browsers (cookies) or scripts (Bearer) send them. Verification
 * is always Clerk's own code inside the app.
 */
import { readFileSync } from "node:fs";
import { LOCAL_ISSUER, LOCAL_PRIVATE_KEY_PATH, LOCAL_SIGNING_KID } from "../../server/auth/local-signing-key";
import { importPrivateKey, nowSeconds, sessionClaims, signSessionToken } from "../../server/auth/session-token";

export type SigningKey = { privateKey: CryptoKey; kid: string };

let localKey: Promise<SigningKey> | undefined;
export function localSigningKey(): Promise<SigningKey> {
  localKey ??= importPrivateKey(readFileSync(LOCAL_PRIVATE_KEY_PATH, "utf8")).then((privateKey) => ({ privateKey, kid: LOCAL_SIGNING_KID }));
  return localKey;
}

let foreignCounter = 0;
/** A fresh RSA-2048 key pair with its own kid (Clerk caches keys by kid for the life of the process). */
export async function foreignSigningKey(): Promise<SigningKey & { publicKeyPem: string }> {
  const pair = await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", pair.publicKey)).toString("base64");
  const publicKeyPem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----`;
  return { privateKey: pair.privateKey, kid: `ins_testforeign${process.pid}x${++foreignCounter}x${Date.now()}`, publicKeyPem };
}

export interface TokenOptions {
  userId?: string;
  organizationId?: string | null;
  role?: string;
  slug?: string;
  lifetimeSeconds?: number;
  issuedAt?: number;
  authorizedParty?: string;
  issuer?: string;
  /** Replace or remove (undefined) claims after the defaults are built. */
  claims?: Record<string, unknown>;
  key?: SigningKey;
}

export const ORG_A = "org_vsmeguruDevSample";
export const ORG_B = "org_vsmeguruDevNordic";
export const ADMIN_A = "user_vsmeguruDevAdmin";
export const ADMIN_B = "user_vsmeguruDevNordicAdmin";
export const VIEWER_A = "user_vsmeguruDevViewer";
export const MEMBER_A = "user_vsmeguruDevMember";

export async function sessionToken(options: TokenOptions = {}): Promise<string> {
  const organizationId = options.organizationId === undefined ? ORG_A : options.organizationId;
  const base = sessionClaims({
    userId: options.userId ?? ADMIN_A,
    sessionId: `sess_test${Math.random().toString(36).slice(2)}`,
    issuer: options.issuer ?? LOCAL_ISSUER,
    lifetimeSeconds: options.lifetimeSeconds ?? 300,
    issuedAt: options.issuedAt,
    authorizedParty: options.authorizedParty,
    organization: organizationId ? { id: organizationId, role: options.role ?? "org:admin", slug: options.slug } : undefined,
  });
  const claims: Record<string, unknown> = { ...base, ...options.claims };
  for (const [name, value] of Object.entries(options.claims ?? {})) if (value === undefined) delete claims[name];
  return signSessionToken(claims, options.key ?? (await localSigningKey()));
}

/** The Cookie header a browser signed in through Clerk sends. */
export function sessionCookieHeader(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { iat?: number };
  return `__session=${token}; __client_uat=${payload.iat ?? nowSeconds()}`;
}

export const asCookie = (token: string) => ({ cookie: sessionCookieHeader(token) });
export const asBearer = (token: string) => ({ authorization: `Bearer ${token}` });
