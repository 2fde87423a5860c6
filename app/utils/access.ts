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
  /**
   * True when the route's loader reads only this organization's data through the repositories, the verified
   * identity, and request headers — never the external database or the clock. A document whose every route
   * says so may be served again from the server's rendered-page cache while the organization's data epoch is
   * unchanged (docs/decisions/0062-rendered-page-cache.md).
   */
  reusablePage?: true;
  [key: string]: unknown;
}
