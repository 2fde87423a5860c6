/** A nested value as the flat field names and texts a form posts (`byGender.male` = "30"). */
export function toFormFields(value: unknown, prefix = ""): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const visit = (node: unknown, path: string) => {
    if (node === undefined || node === null) return;
    if (Array.isArray(node)) {
      if (node.every((item) => typeof item !== "object")) out[path] = node.map(String);
      else node.forEach((item, index) => visit(item, `${path}.${index}`));
      return;
    }
    if (typeof node === "object") {
      for (const [key, child] of Object.entries(node)) visit(child, path ? `${path}.${key}` : key);
      return;
    }
    out[path] = String(node);
  };
  visit(value, prefix);
  return out;
}
