import { apiRoute } from "@/lib/api/route";
import { createBatch } from "@/lib/batches/create";
import { listBatches } from "@/lib/batches/view";

export const GET = apiRoute(async ({ user }) =>
  Response.json(await listBatches({ userId: user.id })),
);

export const POST = apiRoute(async ({ req, user }) => {
  const out = await createBatch({ userId: user.id, req });
  return Response.json(out.body, { status: out.status });
});
