"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useMemo, useState } from "react";
import { detectCategory, detectStyles } from "@/lib/providers/local/prompt-parser";
import { CATEGORIES, type Category, LIMITS, RATIOS, type Ratio } from "./ad-options";
import { api, errorMessage, fieldErrors } from "./api";
import { characters } from "./format";
import { NewAdAside } from "./new-ad-aside";
import { PhotoPicker } from "./photo-picker";
import { type Quality, QualityPicker } from "./quality-picker";
import type { SessionView } from "./session-types";
import { StyleChips } from "./style-chips";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Card } from "./ui/card";
import { ChoiceGroup } from "./ui/choice-group";
import { Field, SelectField, TextareaField } from "./ui/field";
import { useEstimate } from "./use-estimate";

const COUNTS = ["4", "5", "6", "7", "8"] as const;

/**
 * The new-ad form. "Review the estimate" creates the ad as a draft (nothing is spent), uploads
 * the photo and asks the server for the estimate; only "Generate" spends. Changing something
 * after that replaces the draft.
 */
export function NewAdForm({ defaultBudget = 5 }: { defaultBudget?: number }) {
  const router = useRouter();
  const [prompt, setPrompt] = useState("");
  const [pickedCategory, setPickedCategory] = useState<Category>();
  const [count, setCount] = useState<(typeof COUNTS)[number]>("6");
  const [styles, setStyles] = useState<string[]>([]);
  const [ratio, setRatio] = useState<Ratio>("9:16");
  const [quality, setQuality] = useState<Quality>("standard");
  const [photo, setPhoto] = useState<File>();
  const [budget, setBudget] = useState(String(defaultBudget));
  const [draft, setDraft] = useState<SessionView>();
  const [busy, setBusy] = useState<"draft" | "generate">();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const { estimate, error: estimateError } = useEstimate(draft?.id, "images");

  const detected = useMemo(
    () => (prompt.trim() ? (detectCategory(prompt) as Category) : undefined),
    [prompt],
  );
  const suggestedStyles = useMemo(() => (prompt.trim() ? detectStyles(prompt) : []), [prompt]);
  const category = pickedCategory ?? detected ?? "other";
  const length = characters(prompt);

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!prompt.trim()) e.productPrompt = "Describe your product in a sentence.";
    else if (length > LIMITS.productPrompt)
      e.productPrompt = `Keep it to ${LIMITS.productPrompt} characters (now ${length}).`;
    const b = Number(budget);
    if (!Number.isFinite(b) || b < 0.5 || b > 100) e.budgetUsd = "Set a budget from $0.50 to $100.";
    return e;
  }

  async function review(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setError(undefined);
    if (Object.keys(found).length) return;
    setBusy("draft");
    try {
      const { session } = await api<{ session: SessionView }>("POST", "/api/sessions", {
        productPrompt: prompt.trim(),
        ...(pickedCategory ? { productCategory: pickedCategory } : {}),
        numImages: Number(count),
        styleKeywords: styles,
        aspectRatio: ratio,
        budgetUsd: Number(budget),
        quality,
      });
      if (photo) {
        const form = new FormData();
        form.append("file", photo);
        try {
          await api("POST", `/api/sessions/${session.id}/uploads`, form);
        } catch (err) {
          await api("DELETE", `/api/sessions/${session.id}`).catch(() => {});
          setErrors({ photo: fieldErrors(err).file ?? errorMessage(err) });
          return;
        }
      }
      setDraft(session);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  }

  async function generate() {
    if (!draft || !estimate) return;
    setBusy("generate");
    setError(undefined);
    try {
      await api("POST", `/api/sessions/${draft.id}/generate-images`, {
        confirmEstimate: estimate.amount,
      });
      router.push(`/sessions/${draft.id}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(undefined);
    }
  }

  // The draft cost nothing; a changed form makes a new one.
  function discardDraft() {
    if (draft) void api("DELETE", `/api/sessions/${draft.id}`).catch(() => {});
    setDraft(undefined);
    setError(undefined);
  }

  const locked = Boolean(draft) || busy !== undefined;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <Card className="p-4 sm:p-6">
        <form
          onSubmit={review}
          className="space-y-6"
          noValidate
          aria-describedby={error ? "new-ad-error" : undefined}
        >
          <fieldset disabled={locked} className="space-y-6">
            <TextareaField
              id="productPrompt"
              label="Describe your product"
              rows={3}
              placeholder="pink tennis shoes with white laces"
              value={prompt}
              onChange={(e) => setPrompt(e.target.value)}
              counter={{ value: length, max: LIMITS.productPrompt }}
              hint="One sentence: what it is, its colours, anything that makes it yours."
              error={errors.productPrompt}
              required
            />
            <div className="grid gap-6 sm:grid-cols-2">
              <SelectField
                id="category"
                label="Category"
                value={category}
                onChange={(e) => setPickedCategory(e.target.value as Category)}
                hint={
                  pickedCategory
                    ? "Chosen by you."
                    : detected
                      ? "Detected from your description; change it if it is wrong."
                      : "Detected as you type."
                }
                error={errors.productCategory}
              >
                {CATEGORIES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <Field
                id="budgetUsd"
                label="Budget for this ad (USD)"
                type="number"
                inputMode="decimal"
                min={0.5}
                max={100}
                step={0.5}
                value={budget}
                onChange={(e) => setBudget(e.target.value)}
                hint="No stage starts if its estimate would go over it."
                error={errors.budgetUsd}
              />
            </div>
            <ChoiceGroup
              legend="Number of images"
              name="numImages"
              value={count}
              onChange={setCount}
              choices={COUNTS.map((c) => ({ value: c, label: c }))}
              hint="Front, side, back, top, detail and lifestyle views; more than six adds variations."
            />
            <StyleChips value={styles} onChange={setStyles} suggested={suggestedStyles} />
            <ChoiceGroup
              legend="Aspect ratio of the shots"
              name="aspectRatio"
              value={ratio}
              onChange={setRatio}
              choices={RATIOS}
              hint="You can export the finished ad in other ratios too."
            />
            <QualityPicker value={quality} onChange={setQuality} />
            <PhotoPicker file={photo} onChange={setPhoto} error={errors.photo} />
          </fieldset>
          {error && !draft ? (
            <div id="new-ad-error">
              <Alert>{error}</Alert>
            </div>
          ) : null}
          {!draft ? (
            <Button type="submit" className="w-full sm:w-auto" disabled={busy !== undefined}>
              {busy === "draft" ? "Working out the cost…" : "Review the estimate"}
            </Button>
          ) : null}
        </form>
      </Card>
      <NewAdAside
        draft={draft}
        estimate={estimate}
        estimateError={estimateError}
        error={error}
        busy={busy}
        count={Number(count)}
        onGenerate={generate}
        onDiscard={discardDraft}
      />
    </div>
  );
}
