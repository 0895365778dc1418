import type { ImageInput } from "../../types";
export async function renderPhotoShot(input: ImageInput, signal?: AbortSignal): Promise<Buffer> {
  throw new Error("todo");
}
