import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { LoginForm } from "@/components/login-form";
import { currentUser } from "@/lib/auth/current-user";
import { DEMO_USER } from "@/lib/db/seed";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentUser()) redirect("/");
  return (
    <AuthCard title="Sign in to Adsmith" subtitle="Describe a product, get a video ad.">
      <LoginForm demoEmail={DEMO_USER.email} demoPassword={DEMO_USER.password} />
    </AuthCard>
  );
}
