import type { Connection } from "@/lib/realtime/client";

const LOOK: Record<Connection, { dot: string; text: string; title: string }> = {
  live: { dot: "bg-emerald-500", text: "Live", title: "Updates arrive as they happen." },
  connecting: {
    dot: "bg-amber-400 animate-pulse",
    text: "Connecting…",
    title: "Connecting for live updates.",
  },
  offline: {
    dot: "bg-slate-400",
    text: "Reconnecting…",
    title: "Live updates paused; the page catches up as soon as the connection is back.",
  },
};

export function ConnectionIndicator({ connection }: { connection: Connection }) {
  const look = LOOK[connection];
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full bg-white px-2 py-1 text-xs font-medium text-slate-600 ring-1 ring-slate-200"
      title={look.title}
      data-testid="connection"
      data-state={connection}
      role="status"
    >
      <span className={`h-2 w-2 rounded-full ${look.dot}`} aria-hidden />
      {look.text}
    </span>
  );
}
