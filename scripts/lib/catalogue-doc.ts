/** The catalogue as Markdown tables, one per disclosure (for docs/vsme-data-model.md). */
import { catalogueEntries, DISCLOSURES } from "../../schemas/report/catalogue";
import type { FieldSpec } from "../../schemas/report/catalogue-types";

const REQUIREMENT: Record<FieldSpec["requirement"], string> = { always: "Always", "if-applicable": "If applicable", may: "May" };

function requirement(field: FieldSpec): string {
  if (field.derived) return "derived";
  const base = REQUIREMENT[field.requirement];
  if (field.isTrigger) return `${base} (trigger question)`;
  if (field.trigger) return `${base}: yes to \`${field.trigger}\``;
  return field.appliesWhen ? `${base}: ${field.appliesWhen}` : base;
}

function xbrl(field: FieldSpec): string {
  if (!field.xbrl) return field.withoutXbrl ? `— (${field.withoutXbrl})` : "—";
  const dims = Object.entries(field.xbrl.dimensions ?? {}).map(([axis, member]) => `${axis.slice(5)}=${member.slice(5)}`);
  return `\`${field.xbrl.concept}\`${dims.length ? ` [${dims.join(", ")}]` : ""}${field.xbrl.transform ? ` (${field.xbrl.transform})` : ""}`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function catalogueTables(): string {
  return DISCLOSURES.map((d) => {
    const rows = catalogueEntries([d]).map(({ field, table, path }) => {
      const unit = field.unitFrom ? `${field.unit ?? ""} (chosen in \`${field.unitFrom}\`)` : (field.unit ?? "");
      const label = table ? `↳ ${field.label}` : field.label;
      const formula = field.formula ? ` — ${field.formula}` : "";
      return `| ${cell(field.paragraph)} | ${cell(label)}${cell(formula)} | \`${path}\` | ${cell(xbrl(field))} | ${cell(unit)} | ${cell(requirement(field))} |`;
    });
    const applicability = d.applicability ? `\nApplicability question: ${d.applicability.question} (\`${d.applicability.field}\`)\n` : "";
    return [
      `### ${d.code} — ${d.title} (${d.module === "basic" ? "Basic" : "Comprehensive"} module; paras ${d.paragraphs}) — \`sections.${d.section}\``,
      applicability,
      "| Para | Datapoint | Path | XBRL concept | Unit | Requirement |",
      "|---|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n");
  }).join("\n");
}
