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
  const form = await readMultipartForm(req, opts);
  const file = form.get(opts.field);
  if (!(file instanceof File))
    throw missingField(opts, `Attach the ${opts.what} in a field named "${opts.field}".`);
  return fileOf(file, opts);
}

const missingField = (opts: { field: string }, message: string) =>
  invalidInput([{ path: opts.field, message }]);

/** A file of a form read by readMultipartForm, checked as readMultipartFile checks its one. */
export async function fileOf(
  file: File,
  opts: { field: string; maxBytes: number; what: string },
): Promise<UploadedFile> {
  const limitMb = Math.round(opts.maxBytes / (1024 * 1024));
  if (file.size > opts.maxBytes)
    throw new AppError(
      "payload_too_large",
      `The ${opts.what} is larger than ${limitMb} MB. Upload a smaller file.`,
    );
  if (file.size === 0) throw missingField(opts, `The file is empty.`);
  const badName = textProblem(file.name, { multiline: false });
  if (badName) throw missingField(opts, `The file's name ${badName}`);
  return { bytes: Buffer.from(await file.arrayBuffer()), name: file.name, declaredType: file.type };
}

/**
 * The whole multipart body as FormData, never holding more than `maxBytes` (plus framing):
 * for requests with several files and fields (a batch's CSV, its zip of photos, options).
 */
export async function readMultipartForm(
  req: Request,
  opts: { field: string; maxBytes: number; what: string },
): Promise<FormData> {
  const limitMb = Math.round(opts.maxBytes / (1024 * 1024));
  // The rest of the body is never read, so the connection cannot carry another request.
  const tooLarge = () =>
    new AppError(
      "payload_too_large",
      `The ${opts.what} is larger than ${limitMb} MB. Upload a smaller file.`,
      {},
      { Connection: "close" },
    );
  const missing = (message: string) => missingField(opts, message);

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
  try {
    return await new Response(counted, { headers: { "content-type": type } }).formData();
  } catch {
    if (overLimit) throw tooLarge();
    throw missing(`The upload could not be read (it may have been cut short). Try again.`);
  }
}
