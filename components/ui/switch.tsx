/** An on/off switch: a native checkbox announced as a switch; its label wraps it. */
export function Switch({
  checked,
  onChange,
  testId,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  testId?: string;
}) {
  return (
    <input
      type="checkbox"
      // biome-ignore lint/a11y/useAriaPropsForRole: a native checkbox states checked itself; ARIA in HTML advises against aria-checked on it
      role="switch"
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
      className="h-5 w-9 cursor-pointer accent-brand-600"
      data-testid={testId}
    />
  );
}
