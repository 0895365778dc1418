import { describe, expect, test } from "vitest";
import { CsvError, parseCsv } from "./csv";

describe("parseCsv (RFC 4180)", () => {
  test("CRLF and LF, a BOM, quoted commas, line breaks and doubled quotes", () => {
    const text = '\uFEFFa,b,c\r\n"x, y","line 1\r\nline 2","say ""hi"""\nlast,,""\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["x, y", "line 1\r\nline 2", 'say "hi"'] },
      { line: 4, fields: ["last", "", ""] },
    ]);
  });

  test("blank lines are skipped, a last line without a break is read", () => {
    expect(parseCsv("a\n\n\nb")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
    ]);
  });

  test("an unclosed quote names the line it opened on", () => {
    try {
      parseCsv('a\nb\n"c,d\ne\n');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CsvError);
      expect((err as CsvError).line).toBe(3);
    }
  });

  test("a quote inside an unquoted field, and text after a closing quote, are errors", () => {
    expect(() => parseCsv('ab"c')).toThrow(CsvError);
    expect(() => parseCsv('"ab"c')).toThrow(CsvError);
  });
});
