import { ButtonLink } from "./ui/button";

/** What a missing page, a deleted ad and someone else's ad all look like (never "forbidden"). */
export function NotFoundMessage() {
  return (
    <section className="mx-auto max-w-md py-16 text-center" data-testid="not-found">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">We couldn’t find that page</h1>
      <p className="mt-2 text-slate-600">
        The ad may have been deleted, or the link is wrong. Ads are only visible to the account that
        made them.
      </p>
      <ButtonLink href="/" className="mt-6">
        Go to your ads
      </ButtonLink>
    </section>
  );
}
