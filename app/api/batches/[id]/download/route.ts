import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { downloadBatch } from "@/lib/batches/download";

export const GET = apiRoute(
  async ({ user, params }) => downloadBatch({ userId: user.id, id: params.id }),
  { params: idParams },
);
