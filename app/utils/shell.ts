/** The signed-in shell's data (user, permissions, locale, currency) for any page inside it. */
import { useRouteLoaderData } from "@remix-run/react";
import type { Permission } from "../../schemas/auth";
import type { loader } from "../routes/_app";

export type ShellData = Awaited<ReturnType<typeof loader>>;

export function useShell(): ShellData {
  return useRouteLoaderData<typeof loader>("routes/_app") as ShellData;
}

export function can(shell: Pick<ShellData, "permissions">, permission: Permission): boolean {
  return shell.permissions.includes(permission);
}
