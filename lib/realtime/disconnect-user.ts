// Closes every live socket of a user, in every process (the Postgres adapter carries the
// request), when their sessions end. Reads the server from globalThis so that callers (the
// sign-out in Auth.js's events) need not load Socket.IO; without a server it does nothing.
export const userRoom = (userId: number) => `user:${userId}`;

type Io = { in(room: string): { disconnectSockets(close?: boolean): void } };

export function disconnectUser(userId: number): void {
  (globalThis as { __adsmithIo?: Io }).__adsmithIo?.in(userRoom(userId)).disconnectSockets(true);
}
