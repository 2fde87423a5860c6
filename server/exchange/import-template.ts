/**
 * Imports a filled VSME Digital Template into the organization's draft report for the template's reporting
 * year (creating it if needed) and into the company profile fields it states. Values VSME Guru cannot hold, or
 * that its rules refuse, are left out and reported per cell; everything that is kept is written in one
 * transaction, or nothing is. A report that already has values is only changed with `overwrite`.
 */
import { CompanyInputSchema } from "../../schemas/company";
import { isValidLei } from "../../schemas/identifiers";
import { ReportInputSchema } from "../../schemas/report/report";
import type { TenantRepositories } from "../repositories";
import { ConflictError, ValidationError } from "../repositories/errors";
import { placeFacts, type PlacedValue } from "./facts-to-report";
import type { Fact } from "./facts";
import { readTemplate, type CellOutcome, type TemplateFact } from "./template-reader";

export interface ImportSummary {
  /** Null when the workbook held nothing to import (nothing was written). */
  report: { id: string; year: number; created: boolean } | null;
  company: { created: boolean; updated: string[] };
  imported: number;
  ignored: number;
  /** Per cell: imported, or ignored and why. */
  cells: CellOutcome[];
  templateVersion: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);

/** Imported values win; objects merge field by field; lists (tables) are replaced whole. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

const dotted = (path: PropertyKey[]) => path.map(String).join(".");
const placedPath = (p: PlacedValue) => p.path.replace(/\[(\d+)\]/g, ".$1");

function removeAt(root: Json, path: string) {
  const parts = path.split(".");
  let node: unknown = root;
  for (const part of parts.slice(0, -1)) {
    if (!isObject(node) && !Array.isArray(node)) return;
    node = (node as Json)[part];
  }
  if (isObject(node)) delete node[parts.at(-1)!];
}

/** Whether a report already holds something a preparer entered. */
function hasValues(report: { sections?: Record<string, unknown> | undefined }): boolean {
  return Object.values(report.sections ?? {}).some((s) => s !== undefined);
}

export async function importTemplate(
  repos: TenantRepositories,
  data: Uint8Array,
  options: { overwrite?: boolean } = {},
): Promise<ImportSummary> {
  const reading = readTemplate(data);
  const outcomes = new Map(reading.outcomes.map((o) => [o.cell, { ...o }]));
  const ignore = (fact: Fact, reason: string) => {
    for (const cell of (fact as TemplateFact).cells ?? []) {
      const o = outcomes.get(cell);
      if (o) Object.assign(o, { status: "ignored", reason });
    }
  };
  const summary = (report: ImportSummary["report"], company: ImportSummary["company"]): ImportSummary => {
    const cells = [...outcomes.values()];
    return {
      report,
      company,
      imported: cells.filter((c) => c.status === "imported").length,
      ignored: cells.filter((c) => c.status === "ignored").length,
      cells,
      templateVersion: reading.templateVersion,
    };
  };
  if (reading.facts.length === 0) return summary(null, { created: false, updated: [] });
  if (!reading.period) throw ValidationError.single(["file"], "The workbook has no valid reporting period (start and end date)");
  const currency = reading.currency;
  const placement = placeFacts(reading.facts, { currency });
  for (const { fact, reason } of placement.notPlaced) ignore(fact, reason);

  const year = Number(reading.period.end.slice(0, 4));
  const existing = await repos.reports.forYear(year);
  if (existing && existing.status !== "draft") {
    throw new ConflictError(`The ${year} report is ${existing.status}; reopen it before importing into it`, { kind: "state" });
  }
  if (existing && hasValues(existing) && !options.overwrite) {
    throw new ConflictError(
      `The ${year} report already has values; import again with overwrite to replace them with the workbook's`,
      { kind: "state" },
    );
  }

  // The report as it would be written; values its rules refuse are dropped (and reported) until it passes.
  const imported = placement.report;
  const turnover = (imported.turnover as Json | undefined) ?? (existing ? { ...existing.turnover } : undefined);
  if (!turnover || typeof turnover.amount !== "number") {
    throw ValidationError.single(["file"], "The workbook has no turnover (General Information); a new report needs it");
  }
  const candidate: Json = {
    year,
    period: reading.period,
    module: (imported.module as string | undefined) ?? existing?.module ?? "basic",
    turnover: { amount: turnover.amount, currency: (turnover.currency as string | undefined) ?? currency ?? existing?.turnover.currency },
    sections: deepMerge(existing?.sections ?? {}, imported.sections ?? {}),
  };
  let placed = placement.placed.filter((p) => !p.path.startsWith("undertaking."));
  for (let round = 0; round < 10; round++) {
    const parsed = ReportInputSchema.safeParse(candidate);
    if (parsed.success) break;
    let dropped = false;
    for (const issue of parsed.error.issues) {
      const at = dotted(issue.path);
      const culprits = placed.filter((p) => {
        const path = placedPath(p);
        return path === at || path.startsWith(`${at}.`) || at.startsWith(`${path}.`) || at.startsWith(`${path.replace(/\.\d+$/, "")}.`);
      });
      for (const p of culprits) {
        ignore(p.fact, `Not accepted: ${issue.message}`);
        removeAt(candidate, placedPath(p).replace(/\.\d+$/, ""));
      }
      if (culprits.length > 0) dropped = true;
      placed = placed.filter((p) => !culprits.includes(p));
    }
    if (!dropped) {
      throw new ValidationError(
        "The workbook's values can't be combined with the report",
        parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message, code: i.code })),
      );
    }
  }
  // Sections left empty by the dropping are not written.
  const sections = candidate.sections as Json;
  for (const [key, value] of Object.entries(sections)) {
    if (isObject(value) && Object.keys(value).length === 1 && value.status === "reported" && !existing?.sections?.[key as never]) delete sections[key];
  }

  return repos.transaction(async (tx) => {
    const company = await writeCompany(tx, reading, placement.undertaking, placement.placed, ignore);
    let report: ImportSummary["report"];
    if (existing) {
      const updated = await tx.reports.update(
        existing.id,
        { period: candidate.period as never, module: candidate.module as never, turnover: candidate.turnover as never, sections: candidate.sections as never },
        { expectedVersion: existing.version },
      );
      report = { id: updated.id, year, created: false };
    } else {
      const created = await tx.reports.create(candidate as never);
      report = { id: created.id, year, created: true };
    }
    return summary(report, company);
  });
}

/** Applies the company facts of the workbook (legal form, country, NACE) to the profile, creating it if needed. */
async function writeCompany(
  tx: TenantRepositories,
  reading: ReturnType<typeof readTemplate>,
  facts: Json,
  placed: readonly PlacedValue[],
  ignore: (fact: Fact, reason: string) => void,
): Promise<ImportSummary["company"]> {
  const factOf = (key: string) => placed.find((p) => p.path === `undertaking.${key}`)?.fact;
  const naceCodes = (facts.naceCodes as string[] | undefined) ?? [];
  const patch: Json = {};
  if (facts.legalForm !== undefined) patch.legalForm = facts.legalForm;
  if (facts.otherLegalForm !== undefined) patch.otherLegalForm = facts.otherLegalForm;
  if (facts.country !== undefined) patch.country = facts.country;
  if (naceCodes.length > 0) patch.nace = { revision: "2.1", code: naceCodes[0] };
  const extraNace = naceCodes.slice(1);
  const current = await tx.companies.current();
  const base: Json = current
    ? {
        name: current.name,
        identifier: current.identifier,
        legalForm: current.legalForm,
        ...(current.otherLegalForm !== undefined ? { otherLegalForm: current.otherLegalForm } : {}),
        country: current.country,
        nace: { revision: current.nace.revision, code: current.nace.code },
        currency: current.currency,
      }
    : {
        ...(reading.entityName ? { name: reading.entityName } : {}),
        ...(reading.identifier?.scheme === "http://standards.iso.org/iso/17442" && isValidLei(reading.identifier.value)
          ? { identifier: { scheme: "LEI", value: reading.identifier.value } }
          : reading.identifier?.scheme === "https://euid.eu/"
            ? { identifier: { scheme: "EUID", value: reading.identifier.value } }
            : {}),
        ...(reading.currency ? { currency: reading.currency } : {}),
      };
  let merged: Json = { ...base, ...patch };
  if (patch.legalForm !== undefined && patch.legalForm !== "other") delete merged.otherLegalForm;
  let parsed = CompanyInputSchema.safeParse(merged);
  if (!parsed.success && current) {
    // Keep the profile as it is for the fields the workbook got wrong; report them.
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const fact = factOf(key === "nace" ? "naceCodes" : key);
      if (fact) ignore(fact, `Not accepted for the company profile: ${issue.message}`);
      if (key in patch) {
        delete patch[key];
        merged[key] = base[key];
      }
    }
    merged = { ...base, ...patch };
    parsed = CompanyInputSchema.safeParse(merged);
  }
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ["company", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: i.message, code: i.code }));
    throw new ValidationError(
      current
        ? "The workbook's company facts can't be applied to the company profile"
        : "Create the company profile first: the workbook lacks a valid " + [...new Set(issues.map((i) => String(i.path[1])))].join(", "),
      issues,
    );
  }
  const nace = factOf("naceCodes");
  if (nace && extraNace.length > 0) {
    ignore(nace, `The company profile holds the main NACE code only; ${naceCodes[0]} was imported, ${extraNace.join(", ")} not`);
  }
  if (!current) {
    await tx.companies.create(merged as never);
    return { created: true, updated: Object.keys(merged) };
  }
  const changed = Object.keys(patch).filter((k) => JSON.stringify(patch[k]) !== JSON.stringify(base[k]));
  if (changed.length > 0) {
    const update: Json = Object.fromEntries(changed.map((k) => [k, patch[k]]));
    if (update.legalForm !== undefined && update.legalForm !== "other" && current.otherLegalForm !== undefined) update.otherLegalForm = undefined;
    await tx.companies.update(current.id, update as never, { expectedVersion: current.version });
  }
  return { created: false, updated: changed };
}
