import { jsonBody, serveRequest } from "@/lib/api/route";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { signUp, signupInput } from "@/lib/auth/accounts";

export const POST = (req: Request): Promise<Response> =>
  serveRequest(req, async () => {
    assertSameOrigin(req); // no account yet, but a forged sign-up could still plant one
    const user = await signUp(await jsonBody(req, signupInput));
    return Response.json({ user }, { status: 201 });
  });
