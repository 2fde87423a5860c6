/**
 * RFC 4180 CSV parsing for the reference files we ship: quoted fields may contain commas, doubled quotes and
 * line breaks. Small enough to audit, so the reference data has no third-party parser in its trust path.
 */
export class CsvFormatError extends Error {
  constructor(message: string, readonly line: number, unit: "line" | "record" = "line") {
    super(`${message} (${unit} ${line})`);
    this.name = "CsvFormatError";
  }
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let fieldWasQuoted = false;
  let line = 1;
  // A UTF-8 byte-order mark would otherwise become part of the first header name.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endField = () => {
    row.push(field);
    field = "";
    fieldWasQuoted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== "" || fieldWasQuoted) throw new CsvFormatError("Unexpected quote inside an unquoted field", line);
      inQuotes = true;
      fieldWasQuoted = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
    } else {
      if (fieldWasQuoted) throw new CsvFormatError("Characters after a closing quote", line);
      field += ch;
    }
  }
  if (inQuotes) throw new CsvFormatError("Unterminated quoted field", line);
  // A final line break does not start another (empty) row.
  if (field !== "" || fieldWasQuoted || row.length > 0) endRow();
  return rows;
}

/** Parses a CSV with a header row into objects keyed by header; every row must have the header's width. */
export function parseCsvRecords<const Columns extends readonly string[]>(
  text: string,
  requiredColumns: Columns,
): Array<Record<Columns[number], string> & Record<string, string>> {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new CsvFormatError("Empty file: no header row", 1);
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new CsvFormatError(`Missing column(s): ${missing.join(", ")}`, 1);
  return body.map((cells, index) => {
    if (cells.length !== header.length) {
      // Counted in records, not lines: a quoted field may span several lines.
      throw new CsvFormatError(`Expected ${header.length} fields, found ${cells.length}`, index + 1, "record");
    }
    const record: Record<string, string> = Object.create(null);
    header.forEach((name, col) => {
      record[name] = cells[col]!;
    });
    return record as Record<Columns[number], string> & Record<string, string>;
  });
}
