/**
 * The local sign-in's two forms (choose a person, choose an organization), checked before a session is minted.
 * Server-only: the sign-in pages' browser code carries no schema library (ADR 0065).
 */
import { z } from "zod";

export const LocalSignInFormSchema = z.strictObject({
  userId: z.string().min(1).max(100),
  /** Empty: sign in without an active organization. */
  organizationId: z.string().max(100).default(""),
  redirectTo: z.string().max(2000).default("/"),
});

export const SelectOrganizationFormSchema = z.strictObject({
  organizationId: z.string().min(1).max(100),
  redirectTo: z.string().max(2000).default("/"),
});
