"use client";

import { useState } from "react";
import { CAMERA_MOVES, type CameraMove, LIMITS, PROMPTLESS_VIDEO_MODELS } from "./ad-options";
import { api } from "./api";
import { characters, seconds, usd } from "./format";
import { AssetImage } from "./media";
import type { AssetView, SessionDetail } from "./session-types";
import { StartStage } from "./start-stage";
import { finalDuration } from "./timing";
import { Alert } from "./ui/alert";
import { ChoiceGroup } from "./ui/choice-group";
import { TextareaField } from "./ui/field";

type Plan = { camera: CameraMove | "auto"; intensity?: number };
const DURATIONS = ["2", "3", "4"] as const;

/**
 * What the clips should be: a scene prompt, a length, and per clip the camera move and how
 * strong the motion is ("Auto" lets the scene planner choose). Ends in the estimate and
 * the confirm button.
 */
export function ClipSettings({
  detail,
  refresh,
  previous,
  onChangeImages,
}: {
  detail: SessionDetail;
  refresh: () => void;
  /** The current clips, whose moves become the starting plan when making clips again. */
  previous: AssetView[];
  onChangeImages: () => void;
}) {
  const s = detail.session;
  const approved = s.approvedImageIds
    .map((id) => detail.images.find((a) => a.id === id))
    .filter((a): a is AssetView => Boolean(a));
  const [prompt, setPrompt] = useState(s.videoPrompt ?? "");
  const [duration, setDuration] = useState<(typeof DURATIONS)[number]>(
    String(s.clipDurationSeconds ?? 3) === "2"
      ? "2"
      : String(s.clipDurationSeconds ?? 3) === "4"
        ? "4"
        : "3",
  );
  const [plans, setPlans] = useState<Record<string, Plan>>(() =>
    Object.fromEntries(
      approved.map((img) => {
        const clip = previous.find((c) => c.sourceImageId === img.id);
        return [
          img.id,
          clip
            ? {
                camera: clip.cameraMovement ?? "auto",
                intensity: clip.motionIntensity ?? undefined,
              }
            : { camera: "auto" },
        ];
      }),
    ),
  );
  const length = characters(prompt);
  const valid = prompt.trim().length > 0 && length <= LIMITS.videoPrompt;
  const followsPrompt = modelFollowsPrompt(detail);
  const n = approved.length;
  const setPlan = (id: string, p: Partial<Plan>) =>
    setPlans((cur) => ({ ...cur, [id]: { ...cur[id], ...p } }));

  const overrides = approved
    .map((img) => ({ imageId: img.id, ...plans[img.id] }))
    .filter((p) => p.camera !== "auto" || p.intensity !== undefined)
    .map((p) => ({
      imageId: p.imageId,
      ...(p.camera !== "auto" ? { cameraMovement: p.camera } : {}),
      ...(p.intensity !== undefined ? { motionIntensity: p.intensity } : {}),
    }));

  return (
    <StartStage
      session={s}
      stage="clips"
      estimateParams={{ clipDurationSeconds: duration }}
      title={previous.length ? "Make the clips again" : "Animate your images"}
      description={`One clip per chosen image (${n}). About ${seconds(finalDuration(Array(n).fill(Number(duration))))} of ad once joined with crossfades and the end card.`}
      action={(amount) => `Generate ${n} clips · ${usd(amount)}`}
      disabled={!valid || n < 2}
      refresh={refresh}
      start={(confirmEstimate) =>
        api("POST", `/api/sessions/${s.id}/generate-clips`, {
          videoPrompt: prompt.trim(),
          clipDurationSeconds: Number(duration),
          clips: overrides,
          confirmEstimate,
        })
      }
    >
      <div>
        <div className="mb-1.5 flex items-baseline justify-between">
          <p className="text-sm font-medium text-slate-700">Your images, in order</p>
          <button
            type="button"
            className="text-sm font-medium text-brand-600 hover:underline"
            onClick={onChangeImages}
          >
            Change
          </button>
        </div>
        <ol className="flex gap-2 overflow-x-auto pb-1" aria-label="Approved images">
          {approved.map((img, i) => (
            <li key={img.id} className="relative w-16 shrink-0 overflow-hidden rounded-lg">
              <AssetImage asset={img} ratio={s.aspectRatio} alt={`Image ${i + 1}`} />
              <span className="absolute top-1 left-1 rounded bg-slate-900/75 px-1 text-xs text-white">
                {i + 1}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <TextareaField
        id="videoPrompt"
        label="Scene"
        rows={3}
        placeholder="on a sunny tennis court, energetic and bright"
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        counter={{ value: length, max: LIMITS.videoPrompt }}
        error={
          length > LIMITS.videoPrompt ? `Keep it to ${LIMITS.videoPrompt} characters.` : undefined
        }
        hint="Where the product is and the mood; the scene planner turns it into a move for each clip."
      />
      {!followsPrompt ? (
        <Alert tone="info">
          The video model in use animates each image with a camera move and does not read text
          prompts (like Stable Video Diffusion). Your scene still guides the planner’s choice of
          moves; set the moves below to decide yourself.
        </Alert>
      ) : null}
      <ChoiceGroup
        legend="Clip length"
        name="clipDuration"
        value={duration}
        onChange={setDuration}
        choices={DURATIONS.map((d) => ({ value: d, label: `${d} s` }))}
      />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-slate-700">Camera, per clip</legend>
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200">
          {approved.map((img, i) => {
            const p = plans[img.id] ?? { camera: "auto" };
            return (
              <li
                key={img.id}
                className="grid grid-cols-[3rem_1fr] items-center gap-3 p-2 sm:grid-cols-[3rem_1fr_1fr]"
              >
                <div className="w-12 overflow-hidden rounded">
                  <AssetImage asset={img} ratio={s.aspectRatio} alt="" />
                </div>
                <label className="text-sm">
                  <span className="block text-xs text-slate-500">Clip {i + 1} camera</span>
                  <select
                    className="mt-0.5 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                    value={p.camera}
                    onChange={(e) => setPlan(img.id, { camera: e.target.value as Plan["camera"] })}
                    aria-label={`Clip ${i + 1} camera movement`}
                  >
                    <option value="auto">Auto (planner picks)</option>
                    {CAMERA_MOVES.map(([v, label]) => (
                      <option key={v} value={v}>
                        {label}
                      </option>
                    ))}
                  </select>
                </label>
                <div className="col-span-2 text-sm sm:col-span-1">
                  <label className="flex items-center justify-between text-xs text-slate-500">
                    <span>Clip {i + 1} motion</span>
                    <span className="flex items-center gap-1">
                      <input
                        type="checkbox"
                        checked={p.intensity === undefined}
                        onChange={(e) =>
                          setPlan(img.id, { intensity: e.target.checked ? undefined : 0.5 })
                        }
                        aria-label={`Clip ${i + 1}: let the planner pick the motion`}
                      />
                      Auto
                    </span>
                  </label>
                  <input
                    type="range"
                    min={0}
                    max={1}
                    step={0.05}
                    value={p.intensity ?? 0.5}
                    disabled={p.intensity === undefined}
                    onChange={(e) => setPlan(img.id, { intensity: Number(e.target.value) })}
                    className="mt-1 w-full accent-brand-600 disabled:opacity-40"
                    aria-label={`Clip ${i + 1} motion intensity`}
                    aria-valuetext={
                      p.intensity === undefined ? "Auto" : `${Math.round(p.intensity * 100)}%`
                    }
                  />
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </StartStage>
  );
}

function modelFollowsPrompt(detail: SessionDetail): boolean {
  const follows = detail.session.metadata.videoModelFollowsPrompt;
  if (follows !== undefined) return follows;
  const model = detail.estimate?.breakdown.find((l) => l.category === "video_generation")?.model;
  return model ? !PROMPTLESS_VIDEO_MODELS.includes(model) : true;
}
