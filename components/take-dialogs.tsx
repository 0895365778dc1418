"use client";

import dynamic from "next/dynamic";
import { type ReactNode, useState } from "react";
import { api } from "./api";
import type { RegenerateRequest } from "./regenerate-dialog";
import type { AssetView } from "./session-types";
import { useAction } from "./use-action";

// Dialogs load when first opened.
const AssetDetailsDialog = dynamic(() =>
  import("./asset-details-dialog").then((m) => m.AssetDetailsDialog),
);
const CompareDialog = dynamic(() => import("./compare-dialog").then((m) => m.CompareDialog));
const RegenerateDialog = dynamic(() =>
  import("./regenerate-dialog").then((m) => m.RegenerateDialog),
);

/**
 * The three dialogs of a mood board card — details, regenerate, compare takes — for images
 * and clips alike. Keeping one take sets the other aside on the server (reject); `onKeep`
 * then hears which take the marketer kept and which they dropped.
 */
export function useTakeDialogs({
  what,
  refresh,
  render,
  nameOf,
  onKeep,
  promptLimit,
}: {
  what: "image" | "clip";
  refresh: () => void;
  render: (asset: AssetView) => ReactNode;
  nameOf: (asset: AssetView) => string;
  onKeep: (keep: AssetView, drop: AssetView, current: AssetView) => void;
  promptLimit?: number;
}) {
  const regen = useAction(refresh);
  const choose = useAction(refresh);
  const [details, setDetails] = useState<AssetView>();
  const [redo, setRedo] = useState<AssetView>();
  const [compare, setCompare] = useState<{ current: AssetView; next: AssetView }>();

  async function regenerate(req: RegenerateRequest) {
    if (!redo) return;
    if (await regen.run("regenerate", () => api("POST", `/api/assets/${redo.id}/regenerate`, req)))
      setRedo(undefined);
  }

  const dialogs = (
    <>
      {details ? (
        <AssetDetailsDialog
          asset={details}
          title={nameOf(details)}
          media={render(details)}
          onClose={() => setDetails(undefined)}
        />
      ) : null}
      {redo ? (
        <RegenerateDialog
          asset={redo}
          what={what}
          promptLimit={promptLimit}
          onClose={() => setRedo(undefined)}
          onSubmit={regenerate}
          busy={regen.busy !== undefined}
          error={regen.error}
        />
      ) : null}
      {compare ? (
        <CompareDialog
          pair={compare}
          render={render}
          onClose={() => setCompare(undefined)}
          onKeep={async (keep, drop) => {
            if (!(await choose.run("keep", () => api("POST", `/api/assets/${drop.id}/reject`))))
              return;
            onKeep(keep, drop, compare.current);
            setCompare(undefined);
          }}
          busy={choose.busy !== undefined}
          error={choose.error}
        />
      ) : null}
    </>
  );

  return {
    showDetails: setDetails,
    regenerate: setRedo,
    compare: (current: AssetView, next: AssetView) => {
      choose.clearError();
      setCompare({ current, next });
    },
    dialogs,
  };
}
