/**
 * "Add a row" / "Remove" buttons of table fields post `intent=add-row:<field>` or `remove-row:<field>:<index>`
 * when JavaScript is off: the form comes back with one row more or less, nothing saved.
 */
import type { FormValues } from "./form-data";

export function rowIntentValues(intent: string | undefined, values: FormValues): FormValues | undefined {
  if (!intent) return undefined;
  const add = /^add-row:([A-Za-z0-9_.]+)$/.exec(intent);
  if (add) {
    const field = add[1]!;
    const rows = Number(values[`_rows.${field}`]);
    return { ...values, [`_rows.${field}`]: String((Number.isInteger(rows) ? rows : 0) + 1) };
  }
  const remove = /^remove-row:([A-Za-z0-9_.]+):(\d+)$/.exec(intent);
  if (!remove) return undefined;
  const field = remove[1]!;
  const index = Number(remove[2]);
  const prefix = `${field}.`;
  const out: FormValues = {};
  for (const [name, value] of Object.entries(values)) {
    if (!name.startsWith(prefix)) {
      out[name] = value;
      continue;
    }
    const [rawIndex, ...rest] = name.slice(prefix.length).split(".");
    const row = Number(rawIndex);
    if (row === index) continue;
    out[`${prefix}${row > index ? row - 1 : row}.${rest.join(".")}`] = value;
  }
  const rows = Number(values[`_rows.${field}`]);
  out[`_rows.${field}`] = String(Math.max(1, (Number.isInteger(rows) ? rows : 1) - 1));
  return out;
}
