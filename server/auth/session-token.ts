/**
 * Clerk-shaped session tokens (version 2 claims), signed RS256 with WebCrypto. Used by the local sign-in and by
 * tests; verification is always Clerk's own code. Claims as Clerk documents them:
 * https://clerk.com/docs/backend-requests/resources/session-tokens
 */
export interface SessionTokenClaims {
  sub: string;
  sid: string;
  iss: string;
  /** Unix seconds. */
  iat: number;
  nbf: number;
  exp: number;
  azp?: string;
  v?: 2;
  sts?: "active" | "pending";
  /** Active organization (v2): id, role without the `org:` prefix, slug. */
  o?: { id: string; rol: string; slg?: string; per?: string; fpm?: string };
  /** Custom claims a Clerk instance can add (Sessions → Customize session token): shown in the app. */
  email?: string;
  name?: string;
  [claim: string]: unknown;
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");

export async function importPrivateKey(pkcs8Pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pkcs8Pem.replace(/-----(BEGIN|END) PRIVATE KEY-----|\s+/g, ""), "base64");
  return crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
}

export async function signSessionToken(
  claims: Record<string, unknown>,
  key: { privateKey: CryptoKey; kid: string },
): Promise<string> {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: key.kid }));
  const payload = base64url(JSON.stringify(claims));
  const input = `${header}.${payload}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

/** Unix seconds now. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims Clerk puts in a v2 session token for a user with (or without) an active organization. */
export function sessionClaims(options: {
  userId: string;
  sessionId: string;
  issuer: string;
  lifetimeSeconds: number;
  authorizedParty?: string;
  organization?: { id: string; role: string; slug?: string };
  email?: string;
  name?: string;
  issuedAt?: number;
}): SessionTokenClaims {
  const iat = options.issuedAt ?? nowSeconds();
  return {
    sub: options.userId,
    sid: options.sessionId,
    iss: options.issuer,
    iat,
    nbf: iat - 5,
    exp: iat + options.lifetimeSeconds,
    ...(options.authorizedParty ? { azp: options.authorizedParty } : {}),
    v: 2,
    sts: "active",
    fva: [0, -1],
    ...(options.organization
      ? {
          o: {
            id: options.organization.id,
            rol: options.organization.role.replace(/^org:/, ""),
            ...(options.organization.slug ? { slg: options.organization.slug } : {}),
          },
        }
      : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.name ? { name: options.name } : {}),
  };
}
