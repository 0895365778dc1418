// The parts of HTTP that local storage needs to serve media well: one byte range (video
// seeking), validators (ETag/Last-Modified) and conditional requests. Multi-range
// requests are answered with the whole file, which RFC 9110 allows and browsers accept.

export type RangeResult =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number } // inclusive, like Content-Range
  | { kind: "unsatisfiable" };

/** Interprets a Range header against a representation of `size` bytes. */
export function parseRange(header: string | null, size: number): RangeResult {
  if (header === null) return { kind: "full" };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  // Malformed, other units, or several ranges: ignore the header and send everything.
  if (!match || (match[1] === "" && match[2] === "")) return { kind: "full" };

  if (match[1] === "") {
    // bytes=-n: the last n bytes
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? Infinity : Number(match[2]); // bytes=a-: to the end
  if (!Number.isSafeInteger(start) || end < start) return { kind: "full" }; // invalid: ignored
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}

/** A strong validator from size and modification time, the way nginx builds one. */
export function etagFor(size: number, mtimeMs: number): string {
  return `"${Math.floor(mtimeMs * 1000).toString(36)}-${size.toString(36)}"`;
}

function etagList(header: string): string[] {
  return header
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

/** If-None-Match / If-Modified-Since say the client's copy is current: answer 304. */
export function notModified(request: Request, etag: string, mtime: Date): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    // Weak comparison: W/"x" matches "x".
    const bare = (t: string) => t.replace(/^W\//, "");
    return etagList(ifNoneMatch).some((t) => t === "*" || bare(t) === bare(etag));
  }
  const ifModifiedSince = request.headers.get("if-modified-since");
  if (ifModifiedSince !== null) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/** If-Range: a Range only applies while the client's validator still matches (strongly). */
export function rangeStillValid(request: Request, etag: string, mtime: Date): boolean {
  const ifRange = request.headers.get("if-range");
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/")) return value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && date === Math.floor(mtime.getTime() / 1000) * 1000;
}
