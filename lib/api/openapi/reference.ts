// The OpenAPI document as a reader wants it: per operation, a table of its fields. Both the
// API page (/docs/api) and docs/api.md (`npm run docs:api`) are made from this, so neither
// can say something the document does not.
type Json = Record<string, unknown>;

export type FieldRow = {
  name: string;
  where: string;
  type: string;
  required: boolean;
  notes: string;
};
export type OperationRef = {
  method: string;
  path: string;
  summary: string;
  tag: string;
  auth: string;
  fields: FieldRow[];
  responses: { status: string; description: string; body?: string }[];
};

function deref(s: Json, schemas: Json): Json {
  const ref = s.$ref as string | undefined;
  return ref ? ((schemas[ref.split("/").pop() as string] as Json) ?? {}) : s;
}

function typeText(s: Json, schemas: Json): string {
  if (s.$ref) return (s.$ref as string).split("/").pop() as string;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(s.anyOf))
    return (s.anyOf as Json[]).map((x) => typeText(x, schemas)).join(" or ");
  if (s.type === "array") return `array of ${typeText((s.items as Json) ?? {}, schemas)}`;
  if (Array.isArray(s.type)) return s.type.join(" or ");
  return (s.type as string) ?? "any";
}

function notes(s: Json): string {
  const n: string[] = [];
  if (s.description) n.push(String(s.description));
  if (s.default !== undefined) n.push(`default ${JSON.stringify(s.default)}`);
  for (const [k, label] of [
    ["minimum", "≥"],
    ["maximum", "≤"],
    ["minLength", "min length"],
    ["maxLength", "max length"],
    ["minItems", "min items"],
    ["maxItems", "max items"],
  ] as const)
    if (s[k] !== undefined) n.push(`${label} ${s[k]}`);
  if (s.pattern) n.push(`pattern \`${s.pattern}\``);
  if (s.format) n.push(String(s.format));
  return n.join("; ");
}

function rows(schema: Json, schemas: Json, where: string, prefix = "", depth = 0): FieldRow[] {
  const s = deref(schema, schemas);
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = (s.required ?? []) as string[];
  return Object.entries(props).flatMap(([name, p]) => {
    const full = `${prefix}${name}`;
    const row = {
      name: full,
      where,
      type: typeText(p, schemas),
      required: required.includes(name),
      notes: notes(p),
    };
    const inner = deref(p, schemas);
    return inner.type === "object" && inner.properties && depth < 2
      ? [row, ...rows(inner, schemas, where, `${full}.`, depth + 1)]
      : [row];
  });
}

export function apiReference(doc: Json): OperationRef[] {
  const schemas = ((doc.components as Json).schemas ?? {}) as Json;
  const out: OperationRef[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, raw] of Object.entries(ops)) {
      const op = raw as Json;
      const fields: FieldRow[] = [];
      for (const p of (op.parameters ?? []) as Json[])
        fields.push({
          name: String(p.name),
          where: String(p.in),
          type: typeText((p.schema as Json) ?? {}, schemas),
          required: !!p.required,
          notes: [p.description, notes((p.schema as Json) ?? {})].filter(Boolean).join("; "),
        });
      const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
      for (const [type, c] of Object.entries(body ?? {}))
        fields.push(
          ...rows(
            ((c as Json).schema as Json) ?? {},
            schemas,
            type === "application/json" ? "body" : type,
          ),
        );
      const security = (op.security ?? []) as Json[];
      out.push({
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ""),
        tag: String(((op.tags as string[]) ?? [])[0] ?? ""),
        auth: security.length ? "signed in (cookie or API key)" : "none",
        fields,
        responses: Object.entries(op.responses as Json).map(([status, r]) => {
          const c = (r as Json).content as Json | undefined;
          const [type, v] = Object.entries(c ?? {})[0] ?? [];
          const schema = v ? ((v as Json).schema as Json) : undefined;
          return {
            status,
            description: String((r as Json).description ?? ""),
            body: schema
              ? type === "application/json"
                ? typeText(schema, schemas) === "object"
                  ? `{${Object.keys((deref(schema, schemas).properties ?? {}) as Json).join(", ")}}`
                  : typeText(schema, schemas)
                : type
              : undefined,
          };
        }),
      });
    }
  }
  return out;
}

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

/** docs/api.md. */
export function apiMarkdown(doc: Json): string {
  const info = doc.info as Json;
  const refs = apiReference(doc);
  const lines = [
    "# API reference",
    "",
    "<!-- Generated from the OpenAPI document (lib/api/openapi) by `npm run docs:api`; a test",
    "     fails when this file is out of date. Do not edit by hand. -->",
    "",
    String(info.description),
    "",
    "The machine-readable document: `GET /api/openapi.json` (OpenAPI 3.1). In the running app: `/docs/api`.",
    "",
  ];
  const tags = [...new Set(refs.map((r) => r.tag))];
  lines.push("## Contents", "");
  for (const t of tags) {
    lines.push(`- **${t}**`);
    for (const r of refs.filter((x) => x.tag === t))
      lines.push(`  - \`${r.method} ${r.path}\` — ${r.summary}`);
  }
  for (const t of tags) {
    lines.push("", `## ${t}`);
    for (const r of refs.filter((x) => x.tag === t)) {
      lines.push("", `### \`${r.method} ${r.path}\``, "", `${r.summary}. Auth: ${r.auth}.`);
      if (r.fields.length) {
        lines.push("", "| field | in | type | required | notes |", "|---|---|---|---|---|");
        for (const f of r.fields)
          lines.push(
            `| \`${f.name}\` | ${f.where} | ${cell(f.type)} | ${f.required ? "yes" : "no"} | ${cell(f.notes)} |`,
          );
      }
      lines.push("", "| status | meaning | body |", "|---|---|---|");
      for (const a of r.responses)
        lines.push(
          `| ${a.status} | ${cell(a.description)} | ${a.body ? `\`${cell(a.body)}\`` : ""} |`,
        );
    }
  }
  return `${lines.join("\n")}\n`;
}
