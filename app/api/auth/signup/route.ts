import { jsonBody } from "@/lib/api/route";
import { signUp, signupInput } from "@/lib/auth/accounts";
import { toResponse } from "@/lib/errors";

export async function POST(req: Request): Promise<Response> {
  try {
    const user = await signUp(await jsonBody(req, signupInput));
    return Response.json({ user }, { status: 201 });
  } catch (err) {
    return toResponse(err, { path: "/api/auth/signup" });
  }
}
