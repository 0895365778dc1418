"use client";
// The browser side of live updates. One Socket.IO connection per tab, same origin, with the
// login cookie. A progress event is only a hint: the page refetches its state from the API
// on every hint, on every (re)connect and when the tab becomes visible again, because the
// database is the truth and Socket.IO delivers at most once.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import {
  type ClientToServerEvents,
  type ProgressEvent,
  type ServerToClientEvents,
  SOCKET_PATH,
} from "./protocol";

export type { ProgressEvent };
export type Connection = "connecting" | "live" | "offline";

type Listener = {
  ids: Set<string>;
  onHint: (event?: ProgressEvent) => void;
  onState: (c: Connection) => void;
};

const listeners = new Set<Listener>();
type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let socket: AppSocket | undefined;
let state: Connection = "connecting";

function setState(next: Connection) {
  state = next;
  for (const l of listeners) l.onState(next);
}

function join(ids: Iterable<string>) {
  // The ack carries the session, but the page refetches the full state from the API anyway.
  for (const sessionId of ids) socket?.emit("session:join", { sessionId }, () => {});
}

function leaveUnwatched(ids: Iterable<string>) {
  const watched = new Set([...listeners].flatMap((l) => [...l.ids]));
  for (const sessionId of ids)
    if (!watched.has(sessionId)) socket?.emit("session:leave", { sessionId });
}

function connect(): AppSocket {
  if (socket) return socket;
  const s: AppSocket = io({ path: SOCKET_PATH, withCredentials: true });
  s.on("connect", () => {
    setState("live");
    join(new Set([...listeners].flatMap((l) => [...l.ids])));
    for (const l of listeners) l.onHint(); // catch up on whatever happened while away
  });
  s.on("disconnect", () => setState("offline"));
  s.on("connect_error", () => setState("offline"));
  s.on("session:progress", (event) => {
    for (const l of listeners) if (l.ids.has(event.sessionId)) l.onHint(event);
  });
  socket = s;
  return s;
}

/**
 * Keeps `onHint` called whenever something may have changed for any of `sessionIds`;
 * returns the connection state for a small indicator.
 */
export function useLiveSessions(
  sessionIds: string[],
  onHint: (event?: ProgressEvent) => void,
): Connection {
  const [connection, setConnection] = useState<Connection>(() =>
    socket?.connected ? "live" : state,
  );
  const hint = useRef(onHint);
  useEffect(() => {
    hint.current = onHint;
  });
  const key = [...sessionIds].sort().join(",");

  useEffect(() => {
    const ids = new Set(key ? key.split(",") : []);
    const listener: Listener = { ids, onHint: (e) => hint.current(e), onState: setConnection };
    listeners.add(listener);
    const s = connect();
    if (s.connected) {
      join(ids);
      setConnection("live");
    }
    const onVisible = () => {
      if (document.visibilityState === "visible") listener.onHint();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      listeners.delete(listener);
      leaveUnwatched(ids);
      if (listeners.size === 0) {
        socket?.disconnect();
        socket = undefined;
        state = "connecting";
      }
    };
  }, [key]);

  return connection;
}

/**
 * Runs `task` now, or once more right after the running call when called during one:
 * a burst of hints costs at most two fetches, and the last one always sees the latest state.
 */
export function coalesce(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await task().catch(() => {});
      } while (again);
    } finally {
      running = false;
    }
  };
  return () => void run();
}
