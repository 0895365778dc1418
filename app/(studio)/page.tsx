import { currentUser } from "@/lib/auth/current-user";

export default async function HomePage() {
  const user = await currentUser();
  const firstName = (user?.fullName ?? user?.email ?? "").split(/[ @]/)[0];
  return (
    <section className="rounded-2xl border border-dashed border-slate-300 bg-white p-10 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {firstName}</h1>
      <p className="mx-auto mt-2 max-w-md text-slate-600">
        Your ads will appear here. Describe a product in a sentence and Adsmith turns it into product shots, clips and a
        finished video ad.
      </p>
    </section>
  );
}
