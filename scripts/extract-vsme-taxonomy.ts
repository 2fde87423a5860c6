/**
 * Development tool: trims EFRAG's VSME taxonomy dump (`vsme-2026-05-01.json`, the converter's JSON export of the
 * taxonomy) to what the exchange code needs — every reportable concept with its period type, data type, English
 * label and enumeration domain, the member lists of the enumerations and axes, the hypercubes (which axes a
 * concept may carry) and the axis defaults — and writes `reference-data/vsme-taxonomy-2026-05-01.json`.
 *
 *   bun scripts/extract-vsme-taxonomy.ts ../shared/reference/efrag/vsme-2026-05-01.json
 *
 * The product reads only the trimmed file; re-run this when EFRAG publishes a new taxonomy version.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

interface SourceConcept {
  abstract?: boolean;
  dataType: string;
  baseDataType: string;
  numeric?: boolean;
  periodType: string;
  dimension?: boolean;
  labels: Record<string, Record<string, string>>;
  other?: { ee20DomainMembers?: string[]; typedElement?: string };
}
interface SourceTable {
  primaryItems: [number, string][];
  explicitDimensions?: Record<string, string[]>;
  typedDimensions?: string[];
}
interface Source {
  entryPoint: string;
  namespaces: Record<string, string>;
  concepts: Record<string, SourceConcept>;
  dimensions: Record<string, Record<string, SourceTable>> & { _defaults: Record<string, string> };
}

const sourcePath = process.argv[2];
if (!sourcePath) {
  console.error("usage: bun scripts/extract-vsme-taxonomy.ts <path to vsme-2026-05-01.json>");
  process.exit(2);
}
const raw = readFileSync(sourcePath);
const source = JSON.parse(raw.toString("utf8")) as Source;
const LABEL = "http://www.xbrl.org/2003/role/label";
const englishLabel = (c: SourceConcept) => (c.labels.en?.[LABEL] ?? "").replace(/\s*\[(member|axis|typed axis)\]$/, "");

/** Large code lists are stored once and referenced by name. */
const codeLists: Record<string, string[]> = { country: [], nace: [], waste: [] };
const memberLabels: Record<string, string> = {};
for (const [name, concept] of Object.entries(source.concepts)) {
  const prefix = name.split(":")[0]!;
  if (prefix in codeLists) codeLists[prefix]!.push(name);
  if (concept.dataType.endsWith("domainItemType")) memberLabels[name] = englishLabel(concept);
}
const listName = (members: string[]): string | undefined => {
  for (const [list, all] of Object.entries(codeLists)) {
    if (members.length > 20 && members.every((m) => m.startsWith(`${list}:`))) return list;
  }
  return undefined;
};

const concepts: Record<string, unknown> = {};
for (const [name, c] of Object.entries(source.concepts)) {
  if (!name.startsWith("vsme:")) continue;
  if (c.abstract && !c.dimension) continue;
  const domain = c.other?.ee20DomainMembers;
  concepts[name] = {
    label: englishLabel(c),
    dataType: c.dataType,
    baseType: c.baseDataType,
    periodType: c.periodType,
    ...(c.numeric ? { numeric: true } : {}),
    ...(c.dimension ? { axis: c.other?.typedElement ? "typed" : "explicit" } : {}),
    ...(domain ? { domain: listName(domain) ?? domain } : {}),
  };
}

const hypercubes: unknown[] = [];
for (const [role, tables] of Object.entries(source.dimensions)) {
  if (role === "_defaults") continue;
  for (const [table, t] of Object.entries(tables as Record<string, SourceTable>)) {
    const explicit: Record<string, string | string[]> = {};
    for (const [axis, members] of Object.entries(t.explicitDimensions ?? {})) {
      explicit[axis] = listName(members) ?? members;
    }
    hypercubes.push({
      table,
      role,
      primaryItems: t.primaryItems.filter(([, n]) => concepts[n] && !String(n).endsWith("Abstract")).map(([, n]) => n),
      explicit,
      typed: t.typedDimensions ?? [],
    });
  }
}

// Members whose labels the import matches cell values against: every non-code-list member, plus waste (the
// template shows "16 08 06 - Hazardous - …") and countries (it shows "Italy"); NACE members are matched by code.
const labels = Object.fromEntries(
  Object.entries(memberLabels).filter(([name]) => !name.startsWith("nace:")),
);

const out = {
  source: {
    file: "vsme-2026-05-01.json (EFRAG VSME taxonomy 2026-05-01, JSON export of EFRAG-EU/Digital-Template-to-XBRL-Converter)",
    sha256: createHash("sha256").update(raw).digest("hex"),
  },
  entryPoint: source.entryPoint,
  namespaces: Object.fromEntries(
    ["vsme", "nace", "waste", "country", "iso4217", "utr", "xbrli"].map((p) => [p, source.namespaces[p]]),
  ),
  concepts,
  codeLists,
  memberLabels: labels,
  hypercubes,
  defaults: source.dimensions._defaults,
};
const target = join(import.meta.dir, "..", "reference-data", "vsme-taxonomy-2026-05-01.json");
writeFileSync(target, `${JSON.stringify(out)}\n`);
console.log(`${target}: ${Object.keys(concepts).length} concepts, ${hypercubes.length} hypercubes`);
