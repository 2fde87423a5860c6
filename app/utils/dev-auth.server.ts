/**
 * TEMPORARY, branch-only stand-in for auth's app/utils/auth.server.ts until it lands on main: an identity from
 * a `dev_identity` cookie, accepted only in the test profile. Never published.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { permissionsOfRole, type Permission, type Role } from "../../schemas/auth";

export interface Identity {
  userId: string;
  organizationId: string;
  role: Role;
  permissions: readonly Permission[];
  name?: string;
  email?: string;
}

export async function requireTenant(args: Pick<LoaderFunctionArgs, "request" | "context">, permission?: Permission) {
  const { request, context } = args;
  if (context.appEnv !== "test" && context.appEnv !== "development") throw new Response("Not available", { status: 500 });
  const cookie = request.headers.get("cookie") ?? "";
  const raw = /(?:^|;\s*)dev_identity=([^;]+)/.exec(cookie)?.[1];
  if (!raw) throw redirect(`/sign-in?redirect_url=${encodeURIComponent(new URL(request.url).pathname)}`);
  const [userId, organizationId, role] = decodeURIComponent(raw).split("|") as [string, string, Role];
  const identity: Identity = { userId, organizationId, role, permissions: permissionsOfRole(role), name: userId };
  if (permission && !identity.permissions.includes(permission)) {
    throw new Response("You don't have permission for this", { status: 403 });
  }
  const { data } = await context.services();
  return { identity, repos: data.forOrganization(organizationId, { userId, role }) };
}
