"use client";

import { type FormEvent, useEffect, useState } from "react";
import { api, errorMessage } from "./api";
import { usd } from "./format";
import type { Costs, SessionView } from "./session-types";
import { Button } from "./ui/button";
import { Card } from "./ui/card";

const CATEGORY_LABELS: Record<string, string> = {
  llm: "Planning (language model)",
  image_generation: "Images",
  video_generation: "Clips",
  audio_generation: "Music",
  composition: "Composition",
  storage: "Storage",
  other: "Other",
};

/** Money, always in view: spent, budget left, and where it went (a small bar chart). */
export function CostPanel({
  session,
  version,
  refresh,
}: {
  session: SessionView;
  version: string;
  refresh: () => void;
}) {
  const [costs, setCosts] = useState<Costs>();
  const [editing, setEditing] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the refetch trigger (bumped when a cost lands)
  useEffect(() => {
    let live = true;
    api<Costs>("GET", `/api/sessions/${session.id}/costs`)
      .then((c) => live && setCosts(c))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [session.id, version]);

  const spent = session.totalCost;
  const budget = session.budgetUsd ?? 0;
  const left = Math.max(0, budget - spent);
  const usedPct = budget > 0 ? Math.min(100, (spent / budget) * 100) : 0;
  const rows = byCategory(costs);
  const max = Math.max(...rows.map((r) => r.total), 0);

  return (
    <Card className="p-4" aria-labelledby="cost-heading" data-testid="cost-panel">
      <h2 id="cost-heading" className="text-sm font-semibold text-slate-900">
        Cost
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3">
        <div>
          <dt className="text-xs text-slate-500">Spent</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid="total-cost">
            {usd(spent)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Budget left</dt>
          <dd className="text-xl font-semibold tabular-nums">{usd(left)}</dd>
        </div>
      </dl>
      {/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot hold the coloured bar; role="meter" gives assistive technology the same semantics */}
      <div
        className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-200"
        role="meter"
        aria-label="Budget used"
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={spent}
        aria-valuetext={`${usd(spent)} of ${usd(budget)}`}
      >
        <div
          className={`h-full rounded-full ${usedPct > 90 ? "bg-rose-500" : "bg-emerald-500"}`}
          style={{ width: `${usedPct}%` }}
        />
      </div>
      <div className="mt-1 flex items-center justify-between text-xs text-slate-500">
        <span>of a {usd(budget)} budget</span>
        <button
          type="button"
          className="font-medium text-brand-600 hover:underline"
          onClick={() => setEditing((v) => !v)}
          aria-expanded={editing}
        >
          {editing ? "Close" : "Change budget"}
        </button>
      </div>
      {editing ? (
        <BudgetForm
          sessionId={session.id}
          budget={budget}
          onSaved={() => {
            setEditing(false);
            refresh();
          }}
        />
      ) : null}

      <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Breakdown
      </h3>
      {!costs ? (
        <div className="mt-2 h-16" aria-hidden />
      ) : rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">Nothing spent yet.</p>
      ) : (
        <ul className="mt-2 space-y-2" aria-label="Cost by category">
          {rows.map((r) => (
            <li key={r.category} className="text-sm">
              <div className="flex justify-between gap-2">
                <span className="text-slate-700">{CATEGORY_LABELS[r.category] ?? r.category}</span>
                <span className="tabular-nums text-slate-900">{usd(r.total)}</span>
              </div>
              <div className="mt-1 flex items-center gap-2">
                <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden>
                  <div
                    className="h-full rounded-full bg-brand-500"
                    style={{ width: `${max > 0 ? (r.total / max) * 100 : 0}%` }}
                  />
                </div>
                <span className="w-16 text-right text-xs text-slate-500">
                  {r.calls === 1 ? "1 call" : `${r.calls} calls`}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {costs && max === 0 && rows.length > 0 ? (
        <p className="mt-3 text-xs text-slate-500">
          The local models are free; with paid models each call shows its price here.
        </p>
      ) : null}
    </Card>
  );
}

function BudgetForm({
  sessionId,
  budget,
  onSaved,
}: {
  sessionId: string;
  budget: number;
  onSaved: () => void;
}) {
  const [value, setValue] = useState(String(budget));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api("PATCH", `/api/sessions/${sessionId}`, { budgetUsd: Number(value) });
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={save} className="mt-2 space-y-2">
      <div className="flex items-end gap-2">
        <label className="flex-1 text-xs text-slate-600">
          New budget (USD)
          <input
            type="number"
            min={0.5}
            max={100}
            step={0.5}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className="mt-0.5 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </label>
        <Button type="submit" size="sm" disabled={busy}>
          Save
        </Button>
      </div>
      {error ? <p className="text-xs text-rose-600">{error}</p> : null}
    </form>
  );
}

function byCategory(costs?: Costs) {
  const map = new Map<string, { category: string; total: number; calls: number }>();
  for (const b of costs?.breakdown ?? []) {
    const row = map.get(b.category) ?? { category: b.category, total: 0, calls: 0 };
    row.total += Number(b.totalCost);
    row.calls += b.apiCalls;
    map.set(b.category, row);
  }
  return [...map.values()].sort((a, b) => b.total - a.total || b.calls - a.calls);
}
