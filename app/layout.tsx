import type { Metadata } from "next";
import type { ReactNode } from "react";
import { inter } from "./fonts";
import "./globals.css";

// Every page renders per request: proxy.ts gives each response a fresh CSP nonce, which Next
// can only put on the scripts of a page it renders now (a prerendered page would carry none,
// and the browser would refuse its scripts). Most pages depend on the signed-in user anyway.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Adsmith", template: "%s · Adsmith" },
  description: "Turn one sentence about your product into a short video ad.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {children}
      </body>
    </html>
  );
}
