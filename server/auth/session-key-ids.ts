/**
 * Keeps Clerk's key cache bounded. Verifying with a local PEM (`jwtKey`), @clerk/backend caches the parsed key
 * under `local-<kid>` — the `kid` of the token's header, which the caller chooses — in a module-level object
 * it never evicts: a stream of tokens with fresh kids would grow the process without bound. So a token only
 * reaches Clerk with a kid already seen on a token whose signature verified with our key (at most `maxKids`
 * kept, least recently used evicted), or after this gate has verified its signature itself (RS256 with the
 * same PEM; once per new kid). Clerk's cache then only holds kids our key really signed — the instance's one
 * or two — whatever callers send. Verification proper (expiry, issuer, azp…) stays Clerk's.
 */

const DEFAULT_MAX_KIDS = 16;
const MAX_KID_LENGTH = 128;

export interface SessionKeyIdGate {
  /** False: the token names a kid our key never signed with, or is not a JWT; Clerk need not see it. */
  admits(token: string): Promise<boolean>;
  /** Kids currently trusted (newest last), for tests and diagnostics. */
  readonly knownKids: () => string[];
}

const base64url = (text: string) => Uint8Array.from(Buffer.from(text, "base64url"));

function headerKid(token: string): { kid: string | undefined; ok: boolean } {
  const dot = token.indexOf(".");
  if (dot <= 0) return { kid: undefined, ok: false };
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, dot), "base64url").toString("utf8")) as { kid?: unknown };
    if (header === null || typeof header !== "object") return { kid: undefined, ok: false };
    if (header.kid === undefined) return { kid: undefined, ok: true };
    return typeof header.kid === "string" && header.kid.length <= MAX_KID_LENGTH ? { kid: header.kid, ok: true } : { kid: undefined, ok: false };
  } catch {
    return { kid: undefined, ok: false };
  }
}

export function createSessionKeyIdGate(publicKeyPem: string, options: { maxKids?: number } = {}): SessionKeyIdGate {
  const maxKids = options.maxKids ?? DEFAULT_MAX_KIDS;
  // Insertion order is recency: a hit is re-inserted, the oldest is evicted first.
  const known = new Map<string, true>();
  let key: Promise<CryptoKey> | undefined;
  const publicKey = () => {
    const der = base64url(publicKeyPem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "").replace(/\+/g, "-").replace(/\//g, "_"));
    key ??= crypto.subtle.importKey("spki", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
    return key;
  };

  async function signedByUs(token: string): Promise<boolean> {
    const parts = token.split(".");
    if (parts.length !== 3) return false;
    try {
      return await crypto.subtle.verify("RSASSA-PKCS1-v1_5", await publicKey(), base64url(parts[2]!), new TextEncoder().encode(`${parts[0]}.${parts[1]}`));
    } catch {
      return false;
    }
  }

  return {
    async admits(token) {
      const { kid, ok } = headerKid(token);
      if (!ok) return false;
      // Without a kid Clerk caches one entry (`local-undefined`): nothing to bound.
      if (kid === undefined) return true;
      if (known.has(kid)) {
        known.delete(kid);
        known.set(kid, true);
        return true;
      }
      if (!(await signedByUs(token))) return false;
      known.set(kid, true);
      if (known.size > maxKids) known.delete(known.keys().next().value!);
      return true;
    },
    knownKids: () => [...known.keys()],
  };
}

/** The session tokens a request presents the way Clerk reads them: `Authorization: Bearer` and `__session*` cookies. */
export function presentedSessionTokens(request: Request): string[] {
  const tokens: string[] = [];
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer) tokens.push(bearer);
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== "__session" && !name.startsWith("__session_")) continue;
    try {
      tokens.push(decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      tokens.push(part.slice(eq + 1).trim());
    }
  }
  return tokens;
}
