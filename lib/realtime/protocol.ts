// The Socket.IO contract between server and browser (api.md's Socket.IO section), as types
// only: safe to import from client components without pulling server code into the bundle.
//
// A client joins a session's room with `session:join` after every (re)connect that was not
// recovered (`socket.recovered === false`): connection state recovery restores rooms only
// for a short drop back to the same server process. The ack carries the session as the
// database has it; events after that are hints to refetch (`GET /api/sessions/:id`).
import type { Session } from "../db/schema";
import type { SessionView } from "../sessions/session-view";

export type SessionStatus = Session["status"];

/** server → client `session:progress`. */
export type ProgressEvent = {
  sessionId: string;
  status: SessionStatus;
  stage: string | null;
  /** 0–100, within the stage ranges of product.md. */
  progress: number;
  /** A human message: "Generating image 3 of 6…". */
  message: string;
  /** The session's running total cost in USD. */
  totalCost: number;
  /** The asset that changed, when one did. */
  asset?: { id: string; type: string; status: string; url: string };
  /** Milliseconds since the epoch when the event was sent (for ordering and latency). */
  at: number;
};

export type RealtimeError = { code: "not_found" | "invalid_input" | "internal"; message: string };

export type JoinAck = { ok: true; session: SessionView } | { ok: false; error: RealtimeError };
export type LeaveAck = { ok: true } | { ok: false; error: RealtimeError };

export type ServerToClientEvents = {
  "session:progress": (event: ProgressEvent) => void;
};

export type ClientToServerEvents = {
  "session:join": (payload: { sessionId: string }, ack: (answer: JoinAck) => void) => void;
  "session:leave": (payload: { sessionId: string }, ack?: (answer: LeaveAck) => void) => void;
};

/** Same path as the server's (`/socket.io`). */
export const SOCKET_PATH = "/socket.io";
