/**
 * The error summary's labels of the company form's inputs, from the field specs the loader sent
 * (company-form.server.ts): `sites.2.city` → "Sites, row 3: City"; `sites.2.gps.latitude` → "…: Latitude".
 */
import type { CompanyFormView } from "./company-form.server";

const GPS_PART: Record<string, string> = { latitude: "Latitude", longitude: "Longitude" };

export function companyFieldLabels(view: CompanyFormView): (name: string) => string {
  const labels = new Map<string, string>([
    ...view.facts.map((f) => [f.key, f.label] as const),
    ["nace.code", "NACE code"],
    ["identifier", "Identifier"],
    [view.sites.key, view.sites.label],
    [view.subsidiaries.key, view.subsidiaries.label],
  ]);
  return (name) => {
    const known = labels.get(name);
    if (known) return known;
    const row = /^(sites|subsidiaries)\.(\d+)\.(.+)$/.exec(name);
    if (!row) return name;
    const [, list, index, rest] = row as unknown as [string, "sites" | "subsidiaries", string, string];
    const table = list === "sites" ? view.sites : view.subsidiaries;
    const column = table.columns?.find((c) => rest === c.key || rest.startsWith(`${c.key}.`));
    const part = column && rest !== column.key ? GPS_PART[rest.slice(column.key.length + 1)] : undefined;
    return `${table.label}, row ${Number(index) + 1}: ${part ?? column?.label ?? rest}`;
  };
}
