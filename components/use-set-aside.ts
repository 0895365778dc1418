"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * Images or clips the marketer rejected, or the take they did not keep. The API has no
 * reject operation yet, so this is remembered in this browser (per ad) and never sent;
 * a set-aside asset is simply never approved.
 */
export function useSetAside(sessionId: string) {
  const key = `adsmith:set-aside:${sessionId}`;
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    try {
      setIds(JSON.parse(localStorage.getItem(key) ?? "[]"));
    } catch {
      setIds([]);
    }
  }, [key]);
  const save = useCallback(
    (f: (cur: string[]) => string[]) =>
      setIds((cur) => {
        const next = f(cur);
        try {
          localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // private mode: it lasts for this page only
        }
        return next;
      }),
    [key],
  );
  return {
    has: (id: string) => ids.includes(id),
    add: (id: string) => save((cur) => (cur.includes(id) ? cur : [...cur, id])),
    restore: (id: string) => save((cur) => cur.filter((x) => x !== id)),
  };
}
