import type { Metadata } from "next";
import Link from "next/link";
import { NewAdForm } from "@/components/new-ad-form";

export const metadata: Metadata = { title: "New ad" };

export default function NewAdPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New ad</h1>
        <p className="mt-1 text-sm text-slate-600">
          Tell us about the product. You see the cost before anything is spent. Many products?{" "}
          <Link href="/batches" className="font-medium text-brand-700 underline">
            Upload a CSV
          </Link>{" "}
          to make one ad per row.
        </p>
      </div>
      <NewAdForm />
    </div>
  );
}
