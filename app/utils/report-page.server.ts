/**
 * Shared by the report pages: the report a URL's year names (404 for a malformed year or none), and who
 * changed a record since a form was loaded (for the "changed by X at T" conflict).
 */
import { data, type AppLoadContext } from "@remix-run/node";
import type { TenantRepositories } from "../../server/repositories";
import type { ConflictInfo } from "./forms.server";

export function parseYearParam(raw: string | undefined): number {
  const year = Number(raw);
  if (!raw || !/^\d{4}$/.test(raw) || !Number.isInteger(year)) {
    throw data({ title: "Report not found", detail: "Reports are found by their reporting year, such as /reports/2025." }, { status: 404 });
  }
  return year;
}

/** What the disclosure navigation shows per section (not the lists of missing paths the report stores). */
export function navCompleteness(sections: Record<string, { state: string; percent: number }>) {
  return Object.fromEntries(Object.entries(sections).map(([key, { state, percent }]) => [key, { state, percent }])) as Record<
    string,
    { state: string; percent: number } | undefined
  >;
}

export async function requireReport(repos: TenantRepositories, rawYear: string | undefined) {
  const year = parseYearParam(rawYear);
  const report = await repos.reports.forYear(year);
  if (!report) throw data({ title: "Report not found", detail: `There is no report for ${year} yet.` }, { status: 404 });
  return report;
}

/**
 * Names of the people behind user ids, for audit trails and conflicts: only for members of this organization
 * (user records are global), else the id as it is.
 */
export async function peopleNames(context: AppLoadContext, repos: TenantRepositories, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const { data: dataAccess } = await context.services();
  const users = dataAccess.users(repos.actor);
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const member = await repos.members.findByUserId(id).catch(() => null);
      const user = member ? await users.findByClerkId(id).catch(() => null) : null;
      names.set(id, user?.name ?? user?.email ?? id);
    }),
  );
  return names;
}

export async function changedBy(
  context: AppLoadContext,
  repos: TenantRepositories,
  record: { updatedBy: string; updatedAt: Date; version: number } | null,
): Promise<ConflictInfo | undefined> {
  if (!record) return undefined;
  const names = await peopleNames(context, repos, [record.updatedBy]);
  return {
    by: names.get(record.updatedBy) ?? record.updatedBy,
    at: `${record.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    version: record.version,
  };
}
