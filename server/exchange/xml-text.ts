/** Escaping for XML text and attribute values (the exporters build XHTML/XML as strings, for speed). */
// A carriage return is written as a reference: XML parsers turn a literal one into a line feed.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#13;" };

// Characters XML 1.0 forbids anywhere (C0 controls except tab, newline, carriage return; U+FFFE/U+FFFF).
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, "").replace(/[&<>"'\r]/g, (ch) => ENTITIES[ch]!);
}
