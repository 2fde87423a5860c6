/**
 * API key secrets: `vsme_` + 32 random bytes in base62. Only a SHA-256 hash is stored; a presented secret is
 * found by its lookup prefix and compared hash-to-hash in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { API_KEY_LOOKUP_LENGTH, API_KEY_SECRET_PREFIX } from "../../../schemas/api-key";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 62^43 > 2^256: every 32-byte value fits in 43 characters. */
const SECRET_LENGTH = 43;
const SECRET_PATTERN = new RegExp(`^${API_KEY_SECRET_PREFIX}[0-9A-Za-z]{${SECRET_LENGTH}}$`);

export function base62(bytes: Uint8Array, length: number): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  while (value > 0n) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(length, "0");
}

export function generateApiKeySecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_KEY_SECRET_PREFIX}${base62(randomBytes(32), SECRET_LENGTH)}`;
  return { secret, prefix: lookupPrefixOf(secret)!, hash: hashApiKeySecret(secret) };
}

export const looksLikeApiKey = (value: string) => value.startsWith(API_KEY_SECRET_PREFIX);

/** The lookup prefix of a well-formed secret, else undefined (nothing to look up). */
export function lookupPrefixOf(secret: string): string | undefined {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  return secret.slice(API_KEY_SECRET_PREFIX.length, API_KEY_SECRET_PREFIX.length + API_KEY_LOOKUP_LENGTH);
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of the presented secret's hash with the stored one. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = createHash("sha256").update(secret).digest();
  const stored = Buffer.from(storedHash, "hex");
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}
