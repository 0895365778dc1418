// Structured logs: one JSON line per event. The request or job being served is carried in
// AsyncLocalStorage, so every line written while serving it names its requestId / sessionId
// without threading them through every call. Secrets never reach a line: fields named like
// secrets are dropped, and token-shaped text (Replicate tokens, webhook secrets, session
// cookies, JWTs, share links, presigned signatures, URL passwords) is masked wherever it is.
import { AsyncLocalStorage } from "node:async_hooks";
import { env } from "./env";

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;
type Fields = Record<string, unknown>;

export type LogContext = {
  requestId?: string;
  sessionId?: string;
  assetId?: string;
  userId?: number;
  apiKeyId?: string;
  queue?: string;
  jobId?: string;
};

const store = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with these fields on every log line it writes (nested contexts add to the outer one). */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return store.run({ ...store.getStore(), ...dropUndefined(fields) }, fn);
}

/** Adds fields to the current context (e.g. the session id, once a handler knows it). */
export function addLogContext(fields: LogContext): void {
  const ctx = store.getStore();
  if (ctx) Object.assign(ctx, dropUndefined(fields));
}

const SECRET_KEY =
  /(password|passwd|secret|cookie|authorization|signature|credential|api_?key|token)$/i;
const REDACTED = "[redacted]";
const SECRET_TEXT: [RegExp, string][] = [
  [/\br8_[A-Za-z0-9]{8,}/g, REDACTED], // Replicate API tokens
  [/\bwhsec_[A-Za-z0-9+/=]{8,}/g, REDACTED], // webhook signing secrets
  [/\bak_live_[A-Za-z0-9_-]{12,}/g, REDACTED], // API key tokens (the 16-character prefix alone stays)
  [/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`],
  [/(authjs\.[\w.-]*(?:session-token|csrf-token|callback-url)[\w.]*)=[^;\s"]+/gi, `$1=${REDACTED}`],
  [/\beyJ[\w-]{4,}(?:\.[\w-]*){2,4}/g, REDACTED], // JWT / JWE (Auth.js session tokens)
  [/\/share\/[A-Za-z0-9_-]{20,}/g, `/share/${REDACTED}`], // a share link's token is its only key
  [/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"]+/gi, `$1${REDACTED}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"]+:)[^@\s"/]+@/gi, `$1${REDACTED}@`], // user:password@ in URLs
];

/** Masks secret-looking text in a string. */
export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  const out: Fields = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? REDACTED : clean(v, depth + 1);
  return out;
}

function write(level: Level, msg: string, fields?: Fields): void {
  if (levels[level] < levels[env.LOG_LEVEL]) return;
  const line = clean({
    time: new Date().toISOString(),
    level,
    msg,
    ...store.getStore(),
    ...fields,
  });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(
    `${JSON.stringify(line)}\n`,
  );
}

export const logger = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};

/**
 * An error as log fields: its message, the message of its cause (a failed Drizzle query
 * wraps the database's own error, which says what actually went wrong), and its stack.
 * Drizzle also writes the query's parameter values into its messages — emails, password
 * hashes, prompts — so those are left out.
 */
export function errorFields(err: unknown): Fields {
  if (!(err instanceof Error)) return { error: String(err) };
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return dropUndefined({
    error: withoutParams(err.message),
    cause: cause && withoutParams(cause),
    stack: err.stack && withoutParams(err.stack),
  });
}

function withoutParams(text: string): string {
  return text.replace(/\nparams: [^\n]*/g, "\nparams: [omitted]");
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
