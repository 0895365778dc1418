// Writes docs/api.md from the OpenAPI document (npm run docs:api). tests/api/openapi.test.ts
// fails when the committed file differs from what this writes.
import { writeFileSync } from "node:fs";
import { openApiDocument } from "../lib/api/openapi/document";
import { apiMarkdown } from "../lib/api/openapi/reference";

writeFileSync(new URL("../docs/api.md", import.meta.url), apiMarkdown(openApiDocument()));
console.log("docs/api.md written");
