"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * An ordered selection (approved images or clips) edited locally and saved on Continue.
 * Until the marketer touches it, it follows the server (another tab may have saved one).
 */
export function useSelection(serverIds: string[]) {
  const [ids, setIds] = useState(serverIds);
  const [dirty, setDirty] = useState(false);
  const serverKey = serverIds.join();
  useEffect(() => {
    if (!dirty) setIds(serverKey ? serverKey.split(",") : []);
  }, [serverKey, dirty]);

  const edit = useCallback((f: (cur: string[]) => string[]) => {
    setDirty(true);
    setIds(f);
  }, []);
  return {
    ids,
    dirty: dirty && ids.join() !== serverKey,
    toggle: (id: string) =>
      edit((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id])),
    remove: (id: string) => edit((cur) => cur.filter((x) => x !== id)),
    reorder: (next: string[]) => edit(() => next),
    /** The new take takes the old one's place (or joins at the end if the old was not chosen). */
    replace: (oldId: string, newId: string) =>
      edit((cur) => (cur.includes(oldId) ? cur.map((x) => (x === oldId ? newId : x)) : cur)),
    markSaved: () => setDirty(false),
  };
}
