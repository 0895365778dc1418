"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { api, errorMessage } from "./api";
import { usd } from "./format";
import type { SessionStatus } from "./session-types";
import { STATUS_LABELS, statusTone } from "./steps";
import { Alert } from "./ui/alert";
import { Badge } from "./ui/badge";
import { buttonClasses } from "./ui/button";
import { Panel } from "./ui/card";
import { ProgressBar } from "./ui/progress-bar";

export type BatchWire = {
  id: string;
  status: "running" | "finished";
  stopAt: "review" | "done";
  rows: number;
  estimate: number;
  estimateCalls: number;
  budgetUsd: number;
  spent?: number;
};
export type BatchRowWire = {
  id: string;
  row: number;
  status: SessionStatus;
  progress: number;
  productName: string | null;
  errorMessage: string | null;
};
type Detail = { batch: BatchWire; sessions: BatchRowWire[] };

const POLL_MS = 2000;

/** One line per CSV row: its ad's status and progress, polled until the batch is finished. */
export function BatchRows({ initial }: { initial: Detail }) {
  const [detail, setDetail] = useState(initial);
  const [error, setError] = useState<string>();
  const running = detail.batch.status === "running";
  const id = detail.batch.id;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => {
      try {
        setDetail(await api<Detail>("GET", `/api/batches/${id}`));
        setError(undefined);
      } catch (err) {
        setError(errorMessage(err));
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, id]);

  const { batch, sessions } = detail;
  const done = sessions.filter((s) => s.status === "completed").length;
  const settled = sessions.filter(
    (s) =>
      ["completed", "failed", "cancelled"].includes(s.status) ||
      (batch.stopAt === "review" && s.status === "reviewing_images"),
  ).length;
  return (
    <div className="space-y-6">
      <Panel title="Summary">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600">Estimate</dt>
            <dd className="font-medium" data-testid="batch-estimate">
              {usd(batch.estimate)} · {batch.estimateCalls} model calls
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Budget</dt>
            <dd className="font-medium">{usd(batch.budgetUsd)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Spent</dt>
            <dd className="font-medium">{usd(batch.spent ?? 0)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Progress</dt>
            <dd className="font-medium" data-testid="batch-status">
              {running ? `${settled} of ${sessions.length} settled` : "Finished"}
            </dd>
          </div>
        </dl>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          {done > 0 ? (
            <a
              href={`/api/batches/${batch.id}/download`}
              className={buttonClasses("primary", "sm")}
              download
            >
              Download all ({done} video{done === 1 ? "" : "s"})
            </a>
          ) : (
            <p className="text-sm text-slate-600">
              {batch.stopAt === "review"
                ? "These ads stop at the image review: open each to choose its images."
                : "Finished videos can be downloaded here as one zip."}
            </p>
          )}
        </div>
      </Panel>
      {error ? <Alert>{error}</Alert> : null}
      <Panel title="Rows">
        <ol className="divide-y divide-slate-100" data-testid="batch-rows">
          {sessions.map((s) => (
            <li key={s.id} className="py-3" data-testid="batch-row">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="min-w-0 font-medium">
                  <span className="mr-2 tabular-nums text-slate-500">{s.row}.</span>
                  <Link href={`/sessions/${s.id}`} className="text-brand-700 underline">
                    {s.productName ?? `Row ${s.row}`}
                  </Link>
                </p>
                <Badge tone={statusTone(s.status)}>{STATUS_LABELS[s.status]}</Badge>
              </div>
              {s.status !== "failed" && s.status !== "cancelled" ? (
                <div className="mt-2">
                  <ProgressBar
                    value={s.progress}
                    label={`Row ${s.row}: ${STATUS_LABELS[s.status]}`}
                    tone={s.status === "completed" ? "muted" : "brand"}
                  />
                </div>
              ) : null}
              {s.errorMessage ? (
                <p className="mt-1 text-sm text-rose-700" data-testid="batch-row-error">
                  {s.errorMessage}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}
