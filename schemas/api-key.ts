/**
 * Organization API keys for partner apps: what an admin gives to create one, what is stored (a SHA-256 hash,
 * never the secret) and what is shown back (no hash). The secret is `vsme_` + 32 random bytes in base62,
 * shown once; its first characters after `vsme_` are the key's lookup prefix, kept in clear.
 */
import { z } from "zod";
import { API_KEY_SCOPES, ApiKeyScopeSchema } from "./auth";
import { shortText, strictObject } from "./common";
import { ActorIdSchema, tenantRecordSchema } from "./record";

export const API_KEY_SECRET_PREFIX = "vsme_";
/** Characters after `vsme_` that identify the key (base62, ~59 bits). */
export const API_KEY_LOOKUP_LENGTH = 10;
export const API_KEY_MAX_LIFETIME_DAYS = 3 * 366;

const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A date (`2027-06-30`, end of that day UTC) or a date-time with offset. */
const ExpiryInputSchema = z.preprocess(
  blankIsUnset,
  z
    .union([z.iso.date({ error: "Enter a date such as 2027-06-30" }), z.iso.datetime({ offset: true, error: "Enter a date such as 2027-06-30" })])
    .transform((value) => new Date(value.length === 10 ? `${value}T23:59:59.999Z` : value))
    .optional(),
);

/** One schema for the settings form and the API; the expiry must be in the future (checked at creation). */
export const ApiKeyCreateSchema = strictObject({
  name: shortText(100),
  scopes: z
    .array(ApiKeyScopeSchema, { error: "Choose at least one scope" })
    .min(1, { error: "Choose at least one scope" })
    .max(API_KEY_SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, { error: "Each scope only once" }),
  expiresAt: ExpiryInputSchema,
}).meta({ id: "ApiKeyCreate", description: "A new organization API key: its name, scopes and optional expiry." });
export type ApiKeyCreate = z.output<typeof ApiKeyCreateSchema>;

const storedFields = {
  name: shortText(100),
  /** The characters after `vsme_` that find the key; unique across all organizations. */
  prefix: z.string().regex(/^[0-9A-Za-z]+$/).length(API_KEY_LOOKUP_LENGTH),
  /** Hex SHA-256 of the whole secret. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  scopes: z.array(ApiKeyScopeSchema).min(1),
  expiresAt: z.date().optional(),
  revokedAt: z.date().optional(),
  revokedBy: ActorIdSchema.optional(),
  lastUsedAt: z.date().optional(),
};

/** What the repository is given (by the API-key service; never a request body). */
export const ApiKeyInputSchema = strictObject({
  name: storedFields.name,
  prefix: storedFields.prefix,
  hash: storedFields.hash,
  scopes: storedFields.scopes,
  expiresAt: storedFields.expiresAt,
});
export const ApiKeyStoredSchema = strictObject(storedFields);

const { hash: _hash, ...publicFields } = storedFields;
/** An API key as listed: everything but the hash (the secret itself is never stored). */
export const ApiKeySchema = tenantRecordSchema(strictObject(publicFields)).meta({
  id: "ApiKey",
  description: "An organization API key (without its secret).",
});
export type ApiKey = z.infer<typeof ApiKeySchema>;
