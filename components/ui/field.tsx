import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

export const controlClasses =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none disabled:bg-slate-100 disabled:text-slate-500 aria-invalid:border-rose-400";

type Extra = {
  label: ReactNode;
  id: string;
  hint?: ReactNode;
  error?: string;
  counter?: { value: number; max: number };
};

/** Label, hint or error, and an optional live character counter around one control. */
function FieldFrame({
  label,
  id,
  hint,
  error,
  counter,
  children,
}: Omit<Extra, "id"> & { id: string; children: ReactNode }) {
  const over = counter ? counter.value > counter.max : false;
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        {counter ? (
          <span
            id={`${id}-counter`}
            className={`text-xs tabular-nums ${over ? "font-semibold text-rose-600" : "text-slate-500"}`}
          >
            {counter.value}/{counter.max}
          </span>
        ) : null}
      </div>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-rose-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function describedBy({
  id,
  error,
  hint,
  counter,
}: Pick<Extra, "id" | "error" | "hint" | "counter">) {
  const ids = [
    error ? `${id}-error` : hint ? `${id}-hint` : "",
    counter ? `${id}-counter` : "",
  ].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A field's props split: its frame's (label, hint, error, counter), its control's, its classes. */
function fieldParts<P extends Extra & { className?: string }>({
  label,
  hint,
  error,
  id,
  counter,
  className = "",
  ...rest
}: P) {
  return {
    frame: { label, id, hint, error, counter },
    control: {
      id,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy({ id, error, hint, counter }),
      ...rest,
    },
    className,
  };
}

/** A labelled input; every control in the app has a visible label. */
export function Field(props: InputHTMLAttributes<HTMLInputElement> & Extra) {
  const { frame, control, className } = fieldParts(props);
  return (
    <FieldFrame {...frame}>
      <input className={`${controlClasses} ${className}`} {...control} />
    </FieldFrame>
  );
}

export function TextareaField(props: TextareaHTMLAttributes<HTMLTextAreaElement> & Extra) {
  const { frame, control, className } = fieldParts(props);
  return (
    <FieldFrame {...frame}>
      <textarea className={`${controlClasses} resize-y ${className}`} {...control} />
    </FieldFrame>
  );
}

export function SelectField({
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & Extra) {
  const { frame, control, className } = fieldParts(props);
  return (
    <FieldFrame {...frame}>
      <select className={`${controlClasses} ${className}`} {...control}>
        {children}
      </select>
    </FieldFrame>
  );
}
