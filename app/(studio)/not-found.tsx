import { NotFoundMessage } from "@/components/not-found-message";

export default function StudioNotFound() {
  return <NotFoundMessage />;
}
