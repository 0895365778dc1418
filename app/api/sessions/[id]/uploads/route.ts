import { readMultipartFile } from "@/lib/api/multipart-file";
import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { MAX_UPLOAD_BYTES, uploadProductPhoto } from "@/lib/sessions/upload-product-photo";

export const POST = apiRoute(
  async ({ req, user, params }) => {
    const asset = await uploadProductPhoto({
      userId: user.id,
      id: params.id,
      readFile: () =>
        readMultipartFile(req, { field: "file", maxBytes: MAX_UPLOAD_BYTES, what: "photo" }),
    });
    return Response.json({ asset }, { status: 201 });
  },
  { params: idParams },
);
