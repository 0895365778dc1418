import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BrandForm } from "@/components/brand-form";
import { currentUser } from "@/lib/auth/current-user";
import { getBrand } from "@/lib/brand/kit";

export const metadata: Metadata = { title: "Brand kit" };
export const dynamic = "force-dynamic";

export default async function BrandPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const brand = await getBrand(user.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Brand kit</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every new ad starts from these choices; you can still change each one on an ad’s Finish
          step. The logo and colours make the end card.
        </p>
      </div>
      <BrandForm initial={brand} />
    </div>
  );
}
