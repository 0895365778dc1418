import { ButtonLink } from "./ui/button";

const STEPS = [
  ["Describe it", "One sentence about your product, like “pink tennis shoes with white laces”."],
  [
    "Pick the best shots",
    "Choose and order the product images you like; we animate them into clips.",
  ],
  ["Finish and share", "Add your product name, call to action and music, then download or share."],
];

export function EmptyDashboard({ firstName }: { firstName: string }) {
  return (
    <section className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center sm:px-10">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {firstName}</h1>
      <p className="mx-auto mt-2 max-w-md text-slate-600">
        Your ads will appear here. Describe a product in a sentence and Adsmith turns it into
        product shots, clips and a finished video ad — with the cost shown before anything is spent.
      </p>
      <ButtonLink href="/new" className="mt-6">
        Create your first ad
      </ButtonLink>
      <ol className="mx-auto mt-10 grid max-w-3xl gap-4 text-left sm:grid-cols-3">
        {STEPS.map(([title, text], i) => (
          <li key={title} className="rounded-xl bg-slate-50 p-4">
            <span className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700">
              {i + 1}
            </span>
            <p className="mt-2 font-medium">{title}</p>
            <p className="mt-1 text-sm text-slate-600">{text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
