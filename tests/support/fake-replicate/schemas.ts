// The models' published input schemas (./schemas/<owner>-<name>.json, each saying where it
// was copied from and when), and the check Replicate makes before it creates a prediction:
// an unknown field, a wrong type, a value outside its enum or range is a 422 listing the
// problems. A model without a stored schema is refused too, so no model goes unchecked.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

type Field = {
  type: "string" | "integer" | "number" | "boolean" | "array";
  format?: "uri";
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  items?: Field;
};

export type ModelSchema = {
  model: string;
  version?: string;
  source: string;
  input: { type: "object"; required: string[]; properties: Record<string, Field> };
};

const dir = path.join(import.meta.dirname, "schemas");

export const SCHEMAS: Map<string, ModelSchema> = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as ModelSchema)
    .map((s) => [s.model, s]),
);

function problem(name: string, value: unknown, f: Field): string | undefined {
  const ok =
    f.type === "integer"
      ? Number.isInteger(value)
      : f.type === "number"
        ? typeof value === "number" && Number.isFinite(value)
        : f.type === "array"
          ? Array.isArray(value)
          : typeof value === f.type;
  if (!ok) return `${name}: Invalid type. Expected: ${f.type}, given: ${typeof value}`;
  if (f.enum && !f.enum.includes(value))
    return `${name} must be one of the following: ${f.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (f.minimum !== undefined && (value as number) < f.minimum)
    return `${name}: Must be greater than or equal to ${f.minimum}`;
  if (f.maximum !== undefined && (value as number) > f.maximum)
    return `${name}: Must be less than or equal to ${f.maximum}`;
  if (f.format === "uri" && !/^(https?|data):/.test(String(value)))
    return `${name}: Does not match format 'uri'`;
  if (f.type === "array" && f.items) {
    for (const [i, item] of (value as unknown[]).entries()) {
      const p = problem(`${name}.${i}`, item, f.items);
      if (p) return p;
    }
  }
  return undefined;
}

/** What is wrong with a prediction's input for `model`, as Replicate words it; empty when valid. */
export function inputProblems(model: string, input: Record<string, unknown>): string[] {
  const schema = SCHEMAS.get(model);
  if (!schema)
    return [`model ${model}: no stored input schema (tests/support/fake-replicate/schemas)`];
  const { properties, required } = schema.input;
  const problems = required
    .filter((name) => input[name] === undefined)
    .map((name) => `input: ${name} is required`);
  for (const [name, value] of Object.entries(input)) {
    const field = properties[name];
    if (!field) problems.push(`input: Additional property ${name} is not allowed`);
    else {
      const p = problem(`input.${name}`, value, field);
      if (p) problems.push(p);
    }
  }
  return problems;
}
