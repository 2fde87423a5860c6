/**
 * Organization API keys: creating (admins; the secret is returned once), listing, revoking, and authenticating
 * the key a request presents. Lookups are cached per process for `cacheMs` (default 5 s): a key revoked on this
 * instance stops working at once, on other instances within that delay; expiry is checked on every request.
 * Each key has a request budget per minute, counted in the primary database (shared by every instance).
 */
import { API_KEY_MAX_LIFETIME_DAYS, ApiKeyCreateSchema, type ApiKeyCreate } from "../../../schemas/api-key";
import { permissionsOfScopes } from "../../../schemas/auth";
import type { DataAccess, TenantRepositories } from "../../repositories";
import type { ApiKeyCredential } from "../../repositories/api-keys";
import { ConflictError, ValidationError } from "../../repositories/errors";
import { markVerified, type Identity } from "../identity";
import { createRateLimiter } from "./rate-limiter";
import { generateApiKeySecret, lookupPrefixOf, secretMatches } from "./secret";

export interface ApiKeyPolicy {
  /** How long a looked-up key (or its absence) is trusted before reading it again. */
  cacheMs: number;
  rateLimitPerMinute: number;
  /** How often an instance adds its locally counted requests to the shared counters (rate-limiter.ts). */
  rateLimitFlushMs: number;
}

export const DEFAULT_API_KEY_POLICY: ApiKeyPolicy = { cacheMs: 5_000, rateLimitPerMinute: 600, rateLimitFlushMs: 1_000 };
const WINDOW_MS = 60_000;
const LAST_USED_EVERY_MS = 60_000;
const CACHE_LIMIT = 10_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export type ApiKeyAuthentication =
  | { ok: true; identity: Identity; rateLimit: RateLimitState }
  | { ok: false; reason: "invalid" | "revoked" | "expired" }
  | { ok: false; reason: "rate-limited"; rateLimit: RateLimitState };

/** The draft IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-07 syntax). */
export function rateLimitHeaders(state: RateLimitState, limited = false): Headers {
  const headers = new Headers({
    RateLimit: `limit=${state.limit}, remaining=${state.remaining}, reset=${state.resetSeconds}`,
    "RateLimit-Policy": `${state.limit};w=${WINDOW_MS / 1000}`,
  });
  if (limited) headers.set("Retry-After", String(state.resetSeconds));
  return headers;
}

export function createApiKeyService(options: { data: () => Promise<DataAccess>; policy?: Partial<ApiKeyPolicy> }) {
  const policy: ApiKeyPolicy = { ...DEFAULT_API_KEY_POLICY, ...options.policy };
  const cache = new Map<string, { credential: ApiKeyCredential | null; at: number }>();
  const lastTouched = new Map<string, number>();
  const limiter = createRateLimiter({
    counter: async () => (await options.data()).rateLimits,
    limit: policy.rateLimitPerMinute,
    windowMs: WINDOW_MS,
    flushMs: policy.rateLimitFlushMs,
  });

  const remember = (prefix: string, credential: ApiKeyCredential | null, at: number) => {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(prefix, { credential, at });
  };

  async function credentialFor(prefix: string, now: number): Promise<ApiKeyCredential | null> {
    const cached = cache.get(prefix);
    if (cached && now - cached.at < policy.cacheMs) return cached.credential;
    const credential = await (await options.data()).apiKeyCredentials.findByPrefix(prefix);
    remember(prefix, credential, now);
    return credential;
  }

  return {
    policy,

    async authenticate(secret: string, now = Date.now()): Promise<ApiKeyAuthentication> {
      const prefix = lookupPrefixOf(secret);
      if (!prefix) return { ok: false, reason: "invalid" };
      const credential = await credentialFor(prefix, now);
      if (!credential || !secretMatches(secret, credential.hash)) return { ok: false, reason: "invalid" };
      if (credential.revokedAt) return { ok: false, reason: "revoked" };
      if (credential.expiresAt && credential.expiresAt.getTime() <= now) return { ok: false, reason: "expired" };

      const window = await limiter.hit(`apikey:${credential.id}`, now);
      const rateLimit: RateLimitState = {
        limit: policy.rateLimitPerMinute,
        remaining: Math.max(0, policy.rateLimitPerMinute - window.count),
        resetSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
      };
      if (window.count > policy.rateLimitPerMinute) return { ok: false, reason: "rate-limited", rateLimit };

      if (now - (lastTouched.get(credential.id) ?? 0) >= LAST_USED_EVERY_MS) {
        lastTouched.set(credential.id, now);
        if (lastTouched.size > CACHE_LIMIT) lastTouched.clear();
        // Bookkeeping only: a failure to note the time must not fail the request.
        void options
          .data()
          .then((data) => data.apiKeyCredentials.touchLastUsed(credential, new Date(now)))
          .catch(() => lastTouched.delete(credential.id));
      }
      const identity = markVerified({
        // Writes made with the key are attributed to the admin who created it; the key is named beside it.
        userId: credential.createdBy,
        organizationId: credential.organizationId,
        role: null,
        permissions: permissionsOfScopes(credential.scopes),
        via: "api-key" as const,
        apiKeyId: credential.id,
      });
      return { ok: true, identity, rateLimit };
    },

    /** Validates `input` (ApiKeyCreateSchema) and creates the key; the secret is in the result only. */
    async create(repos: TenantRepositories, input: unknown, now = new Date()) {
      const parsed = ApiKeyCreateSchema.safeParse(input);
      if (!parsed.success) throw ValidationError.fromZod(parsed.error, "The API key is not valid");
      return this.createParsed(repos, parsed.data, now);
    },

    /** `create` for input already parsed with ApiKeyCreateSchema (the API's contract did): the date rules and the key. */
    async createParsed(repos: TenantRepositories, input: ApiKeyCreate, now = new Date()) {
      const { name, scopes, expiresAt } = input;
      if (expiresAt && expiresAt.getTime() <= now.getTime()) {
        throw ValidationError.single(["expiresAt"], "The expiry date must be in the future");
      }
      if (expiresAt && expiresAt.getTime() > now.getTime() + API_KEY_MAX_LIFETIME_DAYS * 86_400_000) {
        throw ValidationError.single(["expiresAt"], `An API key can be valid for at most ${API_KEY_MAX_LIFETIME_DAYS} days`);
      }
      for (let attempt = 0; ; attempt++) {
        const { secret, prefix, hash } = generateApiKeySecret();
        try {
          const key = await repos.apiKeys.create({ name, scopes, prefix, hash, ...(expiresAt ? { expiresAt } : {}) });
          return { key, secret };
        } catch (error) {
          // A prefix collision (about 1 in 2^59 per pair of keys): draw another secret.
          if (attempt < 3 && error instanceof ConflictError && error.details.kind === "duplicate") continue;
          throw error;
        }
      }
    },

    list(repos: TenantRepositories, options: { limit?: number; cursor?: string | null } = {}) {
      return repos.apiKeys.list(options);
    },

    /** Adds the requests counted here to the shared counters now (shutdown; tests). */
    flushRateLimits: () => limiter.flush(),

    /** Revokes the key; on this instance it stops working at once. */
    async revoke(repos: TenantRepositories, id: string) {
      const key = await repos.apiKeys.revoke(id);
      cache.delete(key.prefix);
      return key;
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
