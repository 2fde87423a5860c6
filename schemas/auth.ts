/**
 * Roles, permissions and API-key scopes as data: the one table every page, endpoint and API key is checked
 * against. Clerk organization roles are `org:<key>`; `org:viewer` is a custom role created in Clerk.
 * A leaf module (no imports from server/ or app/), so contracts, routes and the browser can all read it.
 */
import { z } from "zod";
import { API_KEY_SCOPES } from "./api-key-scopes";

export { API_KEY_SCOPES };

export const PERMISSIONS = [
  "company:read",
  "company:write",
  "reports:read",
  "reports:write",
  "reports:submit",
  "reports:approve",
  "reference:read",
  "api-keys:manage",
] as const;
export const PermissionSchema = z.enum(PERMISSIONS).meta({ id: "Permission" });
export type Permission = z.infer<typeof PermissionSchema>;

export const ROLES = ["org:admin", "org:member", "org:viewer"] as const;
export const RoleSchema = z.enum(ROLES).meta({ id: "Role" });
export type Role = z.infer<typeof RoleSchema>;

const READ = ["company:read", "reports:read", "reference:read"] as const satisfies readonly Permission[];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  "org:admin": PERMISSIONS,
  "org:member": [...READ, "reports:write", "reports:submit"],
  "org:viewer": READ,
};

export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES).meta({ id: "ApiKeyScope" });
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

/** A scope grants these permissions; `reports:write` includes submitting, as it does for members. */
export const SCOPE_PERMISSIONS: Readonly<Record<ApiKeyScope, readonly Permission[]>> = {
  "reports:read": ["reports:read"],
  "reports:write": ["reports:write", "reports:submit"],
  "company:read": ["company:read"],
  "company:write": ["company:write"],
  "reference:read": ["reference:read"],
};

export function permissionsOfRole(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function permissionsOfScopes(scopes: readonly ApiKeyScope[]): readonly Permission[] {
  return [...new Set(scopes.flatMap((scope) => SCOPE_PERMISSIONS[scope]))];
}
