import Link from "next/link";
import { logout } from "@/app/(auth)/actions";
import { Button, ButtonLink } from "./ui/button";

export function AppHeader({ name }: { name: string }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <span
            className="flex h-7 w-7 items-center justify-center rounded-lg bg-brand-600 text-sm text-white"
            aria-hidden
          >
            A
          </span>
          {/* On a phone the badge alone (it is the way to your ads), so the links fit beside it. */}
          <span className="sr-only sm:not-sr-only">Adsmith</span>
        </Link>
        <nav className="flex items-center gap-1 sm:gap-3" aria-label="Account">
          <ButtonLink href="/" variant="ghost" size="sm" className="max-sm:hidden">
            Your ads
          </ButtonLink>
          <ButtonLink href="/brand" variant="ghost" size="sm">
            Brand
          </ButtonLink>
          <ButtonLink href="/api-keys" variant="ghost" size="sm">
            API keys
          </ButtonLink>
          <ButtonLink href="/new" size="sm">
            New ad
          </ButtonLink>
          <span
            className="hidden max-w-40 truncate text-sm text-slate-600 md:inline"
            data-testid="user-name"
          >
            {name}
          </span>
          <form action={logout}>
            <Button type="submit" variant="ghost" size="sm">
              Sign out
            </Button>
          </form>
        </nav>
      </div>
    </header>
  );
}
