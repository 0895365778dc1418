"use client";

import dynamic from "next/dynamic";

// The live connection (Socket.IO client) is only needed while some ad is working, so its
// code loads only then; a dashboard of finished ads carries none of it.
export const DashboardLiveLazy = dynamic(
  () => import("./dashboard-live").then((m) => m.DashboardLive),
  { ssr: false },
);
