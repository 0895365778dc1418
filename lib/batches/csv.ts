// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes
// may hold commas, line breaks and "" for a quote. A UTF-8 byte-order mark is skipped. Each
// record carries the line it starts on, so an error can name it.

export type CsvRecord = { line: number; fields: string[] };

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  let fields: string[] = [];
  let recordLine = 1;
  let field = "";
  const endRecord = () => {
    fields.push(field);
    field = "";
    // A blank line (one empty field) is no record.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '"' && field === "") {
      // A quoted field: up to the closing quote that is not doubled.
      const opened = line;
      i++;
      let closed = false;
      while (i < src.length) {
        const d = src[i];
        if (d === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (d === "\n") line++;
        field += d;
        i++;
      }
      if (!closed)
        throw new CsvError(opened, `a quoted field opened here is never closed (a " is missing).`);
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
        throw new CsvError(
          line,
          `there is text after a quoted field's closing quote; write a quote inside quotes as "".`,
        );
      if (field === "") field = "\u0000empty-quoted"; // keeps `""` apart from a field not yet started
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (c === '"')
      throw new CsvError(
        line,
        `a field has a quote in the middle; put the whole field in quotes and write the quote as "".`,
      );
    field += c;
    i++;
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records.map((r) => ({
    line: r.line,
    fields: r.fields.map((f) => (f === "\u0000empty-quoted" ? "" : f)),
  }));
}
