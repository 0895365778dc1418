import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { currentUser } from "@/lib/auth/current-user";

// Every page in this group needs a signed-in user; the check is here and in each API route.
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  return (
    <>
      <AppHeader name={user.fullName ?? user.email} />
      <div className="mx-auto max-w-6xl px-4 py-8">{children}</div>
    </>
  );
}
