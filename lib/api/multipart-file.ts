// Reads one file field of a multipart/form-data body without ever holding more than the
// limit: a declared Content-Length over it is refused before reading, and the bytes are
// counted as they stream in (chunked uploads declare nothing).
import { AppError, invalidInput } from "../errors";
import { textProblem } from "./text";

/** Room for the multipart framing around the file (boundaries, part headers, small fields). */
const FRAMING_BYTES = 64 * 1024;

export type UploadedFile = { bytes: Buffer; name: string; declaredType: string };

export async function readMultipartFile(
  req: Request,
  opts: { field: string; maxBytes: number; what: string },
): Promise<UploadedFile> {
  const limitMb = Math.round(opts.maxBytes / (1024 * 1024));
  // The rest of the body is never read, so the connection cannot carry another request.
  const tooLarge = () =>
    new AppError(
      "payload_too_large",
      `The ${opts.what} is larger than ${limitMb} MB. Upload a smaller file.`,
      {},
      { Connection: "close" },
    );
  const missing = (message: string) => invalidInput([{ path: opts.field, message }]);

  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) {
    throw missing(`Send the ${opts.what} as multipart/form-data in a field named "${opts.field}".`);
  }
  const limit = opts.maxBytes + FRAMING_BYTES;
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!req.body) throw missing(`Attach the ${opts.what} in a field named "${opts.field}".`);

  let received = 0;
  let overLimit = false;
  const counted = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) {
          overLimit = true;
          controller.error(tooLarge());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(counted, { headers: { "content-type": type } }).formData();
  } catch {
    if (overLimit) throw tooLarge();
    throw missing(`The upload could not be read (it may have been cut short). Try again.`);
  }
  const file = form.get(opts.field);
  if (!(file instanceof File))
    throw missing(`Attach the ${opts.what} in a field named "${opts.field}".`);
  if (file.size > opts.maxBytes) throw tooLarge();
  if (file.size === 0) throw missing(`The file is empty.`);
  const badName = textProblem(file.name, { multiline: false });
  if (badName) throw missing(`The file's name ${badName}`);
  return { bytes: Buffer.from(await file.arrayBuffer()), name: file.name, declaredType: file.type };
}
