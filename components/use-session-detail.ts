"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { coalesce, type ProgressEvent, useLiveSessions } from "@/lib/realtime/client";
import type { SessionDetail } from "./session-types";

/**
 * The workspace's state: what the server rendered, then whatever GET /api/sessions/:id says
 * after each live hint. `gone` turns true when the ad was deleted (in another tab, say).
 */
export function useSessionDetail(initial: SessionDetail) {
  const id = initial.session.id;
  const [detail, setDetail] = useState(initial);
  const [event, setEvent] = useState<ProgressEvent>();
  const [gone, setGone] = useState(false);
  const seq = useRef(0);

  const refresh = useMemo(
    () =>
      coalesce(async () => {
        const mine = ++seq.current;
        const res = await fetch(`/api/sessions/${id}`, { cache: "no-store" });
        if (res.status === 404) return setGone(true);
        if (res.status === 401) return window.location.assign("/login");
        if (!res.ok) return;
        const next = (await res.json()) as SessionDetail;
        if (mine === seq.current) setDetail(next);
      }),
    [id],
  );

  const onHint = useCallback(
    (e?: ProgressEvent) => {
      if (e) setEvent(e);
      refresh();
    },
    [refresh],
  );
  const connection = useLiveSessions([id], onHint);

  return { detail, setDetail, refresh, event, connection, gone };
}
