"use client";

import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";

export type StripItem = { id: string; label: string; thumb: ReactNode };

/** Moves one id to a new position in an ordered list. */
export function moveId(ids: string[], id: string, to: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = Math.max(0, Math.min(rest.length, to));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/**
 * The chosen items in order: drag and drop with a mouse, or with the keyboard — focus an
 * item and press the arrow keys, or use its Earlier/Later buttons. Every move is announced.
 */
export function SortableStrip({
  items,
  onReorder,
  onRemove,
  label,
  testId,
}: {
  items: StripItem[];
  onReorder: (ids: string[]) => void;
  onRemove?: (id: string) => void;
  label: string;
  testId?: string;
}) {
  const ids = items.map((i) => i.id);
  const [dragging, setDragging] = useState<string>();
  const [over, setOver] = useState<number>();
  const [announcement, setAnnouncement] = useState("");
  const refs = useRef(new Map<string, HTMLLIElement>());
  const pendingFocus = useRef<string>(undefined);

  // After a keyboard move the item re-renders in its new place; focus follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after the re-render that `items` causes
  useEffect(() => {
    if (!pendingFocus.current) return;
    refs.current.get(pendingFocus.current)?.focus();
    pendingFocus.current = undefined;
  }, [items]);

  function move(id: string, to: number, keepFocus = false) {
    const next = moveId(ids, id, to);
    if (next.join() === ids.join()) return;
    onReorder(next);
    const item = items.find((i) => i.id === id);
    setAnnouncement(
      `${item?.label ?? "Item"} moved to position ${next.indexOf(id) + 1} of ${next.length}.`,
    );
    if (keepFocus) pendingFocus.current = id;
  }

  function onKey(e: KeyboardEvent<HTMLLIElement>, id: string, index: number) {
    if (e.target !== e.currentTarget) return; // keys inside the item's buttons are theirs
    if (e.key === "ArrowLeft" || e.key === "ArrowUp") {
      e.preventDefault();
      move(id, index - 1, true);
    } else if (e.key === "ArrowRight" || e.key === "ArrowDown") {
      e.preventDefault();
      move(id, index + 1, true);
    } else if (e.key === "Home") {
      e.preventDefault();
      move(id, 0, true);
    } else if (e.key === "End") {
      e.preventDefault();
      move(id, ids.length - 1, true);
    }
  }

  return (
    <div>
      <p id={`${testId ?? "strip"}-help`} className="sr-only">
        Focus an item and use the arrow keys to change its position.
      </p>
      <ol className="flex gap-3 overflow-x-auto pb-2" aria-label={label} data-testid={testId}>
        {items.map((item, index) => (
          <li
            key={item.id}
            ref={(el) => {
              if (el) refs.current.set(item.id, el);
              else refs.current.delete(item.id);
            }}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the item is the thing the arrow keys move (described by the strip's help text); a button would announce an action it does not have
            tabIndex={0}
            draggable
            aria-label={`${index + 1}. ${item.label}`}
            aria-describedby={`${testId ?? "strip"}-help`}
            data-testid="strip-item"
            data-id={item.id}
            onKeyDown={(e) => onKey(e, item.id, index)}
            onDragStart={(e) => {
              setDragging(item.id);
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/plain", item.id);
            }}
            onDragEnd={() => {
              setDragging(undefined);
              setOver(undefined);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = "move";
              setOver(index);
            }}
            onDrop={(e) => {
              e.preventDefault();
              const id = e.dataTransfer.getData("text/plain") || dragging;
              if (id) move(id, index);
              setDragging(undefined);
              setOver(undefined);
            }}
            className={`group relative w-28 shrink-0 cursor-grab rounded-xl border bg-white p-1.5 shadow-sm transition active:cursor-grabbing ${
              dragging === item.id ? "opacity-40" : ""
            } ${over === index && dragging !== item.id ? "border-brand-500 ring-2 ring-brand-200" : "border-slate-200"}`}
          >
            <span className="absolute top-2 left-2 z-10 flex h-6 w-6 items-center justify-center rounded-full bg-slate-900/80 text-xs font-semibold text-white">
              {index + 1}
            </span>
            <div className="pointer-events-none overflow-hidden rounded-lg">{item.thumb}</div>
            <p className="mt-1 truncate text-xs text-slate-600">{item.label}</p>
            <div className="mt-1 flex justify-between">
              <button
                type="button"
                className="rounded px-1.5 py-0.5 text-sm text-slate-600 hover:bg-slate-100 disabled:opacity-30"
                onClick={() => move(item.id, index - 1)}
                disabled={index === 0}
                aria-label={`Move ${item.label} earlier`}
              >
                ←
              </button>
              {onRemove ? (
                <button
                  type="button"
                  className="rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100"
                  onClick={() => onRemove(item.id)}
                  aria-label={`Remove ${item.label} from the selection`}
                >
                  ✕
                </button>
              ) : null}
              <button
                type="button"
                className="rounded px-1.5 py-0.5 text-sm text-slate-600 hover:bg-slate-100 disabled:opacity-30"
                onClick={() => move(item.id, index + 1)}
                disabled={index === items.length - 1}
                aria-label={`Move ${item.label} later`}
              >
                →
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
