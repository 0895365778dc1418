// A batch's CSV, checked row by row before anything is created: the header names the
// columns (productPrompt, productName, callToAction, and photo when photos come along), each
// row fills the required ones with clean text of the same lengths the single-ad requests
// allow. The first problem is a 400 naming its line and column.
import { textProblem } from "../api/text";
import { characterCount } from "../characters";
import { env } from "../env";
import { AppError } from "../errors";
import { CsvError, parseCsv } from "./csv";

export const CSV_COLUMNS = ["productPrompt", "productName", "callToAction", "photo"] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ["productPrompt", "productName", "callToAction"];
/** The longest text each column takes: the same as POST /api/sessions and the compose request. */
const MAX: Record<Column, number> = {
  productPrompt: 200,
  productName: 50,
  callToAction: 30,
  photo: 200,
};

export type BatchRow = {
  /** 1 for the first row under the header. */
  row: number;
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  productPrompt: string;
  productName: string;
  callToAction: string;
  photo?: string;
};

export function csvError(line: number | undefined, column: string | undefined, problem: string) {
  const where = [line ? `Line ${line}` : "", column ? `column "${column}"` : ""]
    .filter(Boolean)
    .join(", ");
  const message = `${where ? `${where}: ` : ""}${problem}`;
  return new AppError("invalid_input", `The CSV file: ${message}`, {
    issues: [{ path: column ? `csv.${column}` : "csv", message }],
    ...(line ? { line } : {}),
    ...(column ? { column } : {}),
  });
}

export function parseBatchCsv(text: string): BatchRow[] {
  const bad = textProblem(text.replace(/^\uFEFF/, ""));
  if (bad) {
    // Name the line of the first refused character.
    const lines = text.split(/\r\n|\r|\n/);
    const at = lines.findIndex((l) => textProblem(l));
    throw csvError(at >= 0 ? at + 1 : undefined, undefined, `the text ${bad}`);
  }
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw csvError(err.line, undefined, err.message);
    throw err;
  }
  const [header, ...body] = records;
  if (!header)
    throw csvError(
      undefined,
      undefined,
      `it is empty. The first line names the columns: ${REQUIRED.join(",")}[,photo].`,
    );
  const names = header.fields.map((f) => f.trim());
  names.forEach((name, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      throw csvError(
        header.line,
        name || `#${i + 1}`,
        `unknown column. The columns are ${CSV_COLUMNS.join(", ")} (photo is optional).`,
      );
    if (names.indexOf(name) !== i) throw csvError(header.line, name, "this column is named twice.");
  });
  for (const need of REQUIRED)
    if (!names.includes(need))
      throw csvError(header.line, need, "this column is missing from the header line.");
  if (body.length === 0) throw csvError(undefined, undefined, "it has no rows under the header.");
  const max = env.BATCH_MAX_ROWS;
  if (body.length > max)
    throw csvError(
      body[max].line,
      undefined,
      `it has ${body.length} rows; a batch takes at most ${max}. Split the file.`,
    );
  return body.map((rec, i) => {
    if (rec.fields.length !== names.length)
      throw csvError(
        rec.line,
        undefined,
        `this row has ${rec.fields.length} field${rec.fields.length === 1 ? "" : "s"} but the header names ${names.length}. Put a field with a comma in quotes.`,
      );
    const get = (c: Column) => {
      const at = names.indexOf(c);
      return at < 0 ? "" : rec.fields[at].trim();
    };
    for (const c of names as Column[]) {
      const value = get(c);
      if (REQUIRED.includes(c) && value === "") throw csvError(rec.line, c, "this field is empty.");
      // Line breaks are kept (a name or CTA may take up to 4 lines, as in the compose request).
      const problem = textProblem(value, {
        multiline: c !== "photo",
        publicName: c !== "productPrompt",
      });
      if (problem) throw csvError(rec.line, c, `the text ${problem}`);
      if (c !== "productPrompt" && value.split(/\r\n|\r|\n/).length > 4)
        throw csvError(rec.line, c, "keep this to 4 lines or fewer.");
      if (characterCount(value) > MAX[c])
        throw csvError(rec.line, c, `keep this to ${MAX[c]} characters or fewer.`);
    }
    const photo = get("photo");
    return {
      row: i + 1,
      line: rec.line,
      productPrompt: get("productPrompt"),
      productName: get("productName"),
      callToAction: get("callToAction"),
      ...(photo ? { photo } : {}),
    };
  });
}
