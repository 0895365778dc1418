import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { SignupForm } from "@/components/signup-form";
import { currentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignupPage() {
  if (await currentUser()) redirect("/");
  return (
    <AuthCard title="Create your account" subtitle="Your first ad takes about a minute.">
      <SignupForm />
    </AuthCard>
  );
}
