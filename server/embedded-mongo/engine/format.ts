/** Renders values the way MongoDB prints them in error messages (`{ email: "a@b.c" }`, `ObjectId('…')`). */
import { bsonTypeOf } from "../query/compare";

export function formatValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[ ${value.map(formatValue).join(", ")} ]`;
  switch (bsonTypeOf(value)) {
    case "ObjectId":
      return `ObjectId('${(value as { toHexString(): string }).toHexString()}')`;
    case "Long":
      return `${String(value)}`;
    case "Decimal128":
      return `Decimal128("${String(value)}")`;
    case "Binary": {
      const b = value as { sub_type: number; toString(enc: string): string };
      if (b.sub_type === 4) return `UUID("${(value as { toHexString?: () => string }).toHexString?.() ?? b.toString("hex")}")`;
      return `BinData(${b.sub_type}, ${b.toString("hex").toUpperCase()})`;
    }
    case "Timestamp": {
      const t = value as { t: number; i: number };
      return `Timestamp(${t.t}, ${t.i})`;
    }
    case "MinKey":
      return "MinKey";
    case "MaxKey":
      return "MaxKey";
    case undefined:
      break;
    default:
      return String(value);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([k, v]) => `${k}: ${formatValue(v)}`).join(", ")} }`;
}
