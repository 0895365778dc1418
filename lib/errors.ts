// One error vocabulary from the server to the UI: a code, an HTTP status, and a message a
// marketer can act on. Database and library causes are logged, never shown.
import { z } from "zod";
import { errorFields, logger } from "./logger";

export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "invalid_state"
  | "over_budget"
  | "storage_full"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403, // a cross-site request to a state-changing route (lib/api/same-origin.ts)
  not_found: 404,
  invalid_input: 400,
  invalid_state: 409,
  over_budget: 402,
  storage_full: 402, // the per-user storage quota (lib/quotas/)
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  internal: 500,
};

export type Issue = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "That") => new AppError("not_found", `${what} was not found.`);
export const invalidState = (message: string) => new AppError("invalid_state", message);

export function invalidInput(issues: Issue[], message?: string): AppError {
  const first = issues[0];
  const text =
    message ??
    (first
      ? `${first.path ? `${first.path}: ` : ""}${first.message}`
      : "The request is not valid.");
  return new AppError("invalid_input", text, { issues });
}

export function fromZod(error: z.ZodError): AppError {
  return invalidInput(error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
}

export function errorBody(err: AppError): { error: Record<string, unknown> } {
  return { error: { code: err.code, message: err.message, ...err.details } };
}

export function toResponse(err: unknown, context: Record<string, unknown> = {}): Response {
  if (err instanceof z.ZodError) err = fromZod(err);
  if (!(err instanceof AppError)) {
    logger.error("unhandled error", { ...context, ...errorFields(err) });
    err = new AppError(
      "internal",
      "Something went wrong on our side. Please try again in a moment.",
    );
  }
  const appErr = err as AppError;
  return Response.json(errorBody(appErr), { status: appErr.status, headers: appErr.headers });
}
