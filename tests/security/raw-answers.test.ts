// What server.ts answers before Next (issue 16.2/16.3, checked again), on a real socket: a
// request Node's parser refuses (a control character in Idempotency-Key, a space in the
// path, 20 KB of headers), a page body past its limit (the sign-in form's server action: Next
// read 50 MB, then answered 500 with a raw stack trace), and an /api method no route serves
// (Next's 405 had no body). Each gets api.md's JSON error shape and the security headers.
// The "Next" here is a stand-in that reads bodies whole and answers 405 the way Next does.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerClientError, answeredBeforeNext, MAX_PAGE_BODY_BYTES } from "@/lib/http/raw-answers";

let server: Server;
let port: number;
let bytesReadByNext = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (answeredBeforeNext(req, res)) return;
    if (req.url === "/api/keys/1") {
      res.writeHead(405); // Next: a method the route file does not export
      res.end();
      return;
    }
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      bytesReadByNext += c.length;
    });
    req.on("end", () => res.end(JSON.stringify({ read: size })));
    req.on("error", () => {});
  });
  server.on("clientError", answerClientError);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sends raw bytes; resolves with the whole answer (the server closes the connection). */
function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let text = "";
    socket.on("data", (d) => {
      text += d.toString();
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const [head, body = ""] = text.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), headers: head.toLowerCase(), body });
    });
  });
}

function expectJsonError(a: { headers: string; body: string }, code: string) {
  expect(a.headers).toContain("content-type: application/json");
  expect(a.headers).toContain("x-content-type-options: nosniff");
  expect(a.headers).toContain("frame-ancestors 'none'");
  expect(a.headers).toContain("cache-control: no-store");
  expect(JSON.parse(a.body).error.code).toBe(code);
}

describe("requests Node's parser refuses", () => {
  test("a control character in a header (Idempotency-Key), a space in the path → 400 JSON", async () => {
    for (const req of [
      "POST /api/sessions HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0001b\r\nContent-Length: 0\r\n\r\n",
      "GET /api/sessions/a b HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /share/x HTTP/1.1\r\nHost: x\r\nX-Name: a\u007fb\r\n\r\n",
    ]) {
      const a = await raw(req);
      expect(a.status, JSON.stringify(req)).toBe(400);
      expectJsonError(a, "invalid_input");
    }
  });

  test("20 KB of headers → 431 JSON", async () => {
    const a = await raw(
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    expect(a.status).toBe(431);
    expectJsonError(a, "invalid_input");
  });
});

describe("page bodies (the sign-in and sign-up forms' server actions)", () => {
  /** A chunked body of `total` bytes, written until the answer comes. */
  function post(path: string, total: number) {
    return new Promise<{ status: number; body: string; ms: number; sent: number }>((resolve) => {
      const started = Date.now();
      let sent = 0;
      let done = false;
      const req = request({
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=b", "next-action": "x" },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => {
          done = true;
          resolve({ status: res.statusCode!, body, ms: Date.now() - started, sent });
        });
      });
      req.on("error", () => {}); // the server closes the connection after its 413
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!done && sent < total) {
          const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
          sent += piece.length;
          if (!req.write(piece)) return void req.once("drain", pump);
        }
        if (!done) req.end();
      };
      pump();
    });
  }

  test("a 50 MB chunked body → 413 JSON at once; what reaches Next stays under the limit", async () => {
    bytesReadByNext = 0;
    const a = await post("/login", 50 * 1024 * 1024);
    expect(a.status).toBe(413);
    expect(JSON.parse(a.body).error.code).toBe("payload_too_large");
    expect(a.ms).toBeLessThan(3000);
    expect(a.sent).toBeLessThan(20 * 1024 * 1024);
    expect(bytesReadByNext).toBeLessThanOrEqual(MAX_PAGE_BODY_BYTES);
  });

  test("a declared Content-Length over the limit → 413 before reading; a form's size passes whole", async () => {
    const big = await raw(
      `POST /signup HTTP/1.1\r\nHost: x\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\nemail=`,
    );
    expect(big.status).toBe(413);
    expectJsonError(big, "payload_too_large");
    const form = await post("/login", 2000);
    expect(form.status).toBe(200);
    expect(JSON.parse(form.body)).toEqual({ read: 2000 });
  });
});

test("an /api method no route serves: Next's 405 gets a JSON body", async () => {
  const a = await raw("GET /api/keys/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  expect(a.status).toBe(405);
  expect(a.headers).toContain("content-type: application/json");
  expect(a.headers).toContain("cache-control: no-store");
  expect(a.body).toContain('"code":"method_not_allowed"');
});
