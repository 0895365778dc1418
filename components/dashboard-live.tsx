"use client";

import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { coalesce, useLiveSessions } from "@/lib/realtime/client";
import { ConnectionIndicator } from "./connection-indicator";

/** Re-renders the dashboard (server data) when an ad that is working reports progress. */
export function DashboardLive({ sessionIds }: { sessionIds: string[] }) {
  const router = useRouter();
  const refresh = useMemo(
    () =>
      coalesce(async () => {
        router.refresh();
        await new Promise((r) => setTimeout(r, 800)); // at most a little over one refresh a second
      }),
    [router],
  );
  const connection = useLiveSessions(sessionIds, refresh);
  return <ConnectionIndicator connection={connection} />;
}
