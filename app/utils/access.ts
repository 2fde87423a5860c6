/**
 * Every route module declares who may use it, as data the permission walk (tests/auth/route-access.test.ts)
 * checks for every route of the build:
 *
 *   export const handle = { access: { loader: "reports:read", action: "reports:write" } } satisfies RouteHandle;
 *
 * "public": anyone, signed in or not. "signed-in": any verified user, with or without an active organization.
 * A permission: a member of the active organization whose role (or API key's scopes) grants it.
 * `action` is required when the module exports an action. The declaration documents and is tested; the
 * loader/action still enforce it with `requireTenant(args, permission)` / `requireUser(args)`.
 */
import type { Permission } from "../../schemas/auth";

export type Access = Permission | "public" | "signed-in";

export interface RouteAccess {
  loader: Access;
  action?: Access;
}

export interface RouteHandle {
  access: RouteAccess;
  [key: string]: unknown;
}
