// Reads the parts of a database's catalog that the schema document defines, and lists
// every way an actual database falls short of an expected one.
import postgres from "postgres";

export type Catalog = {
  tables: Set<string>;
  columns: Map<string, { type: string; default: string | null; notNull: boolean }>;
  enums: Map<string, string[]>;
  constraints: Map<string, { table: string; type: string; definition: string }>;
  indexes: Map<string, { table: string; definition: string }>;
  functions: Map<string, { language: string; returns: string; source: string }>;
  triggers: Map<string, { table: string; definition: string }>;
};

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

export async function readCatalog(url: string): Promise<Catalog> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ name: string }[]>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`;
    const columns = await sql<
      { key: string; type: string; def: string | null; notnull: boolean }[]
    >`
      select c.relname || '.' || a.attname as key, format_type(a.atttypid, a.atttypmod) as type,
             pg_get_expr(d.adbin, d.adrelid) as def, a.attnotnull as notnull
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attnum > 0 and not a.attisdropped`;
    const enums = await sql<{ name: string; labels: string[] }[]>`
      select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder) as labels
      from pg_type t join pg_enum e on e.enumtypid = t.oid
      join pg_namespace n on n.oid = t.typnamespace and n.nspname = 'public'
      group by t.typname`;
    const constraints = await sql<{ name: string; tbl: string; type: string; def: string }[]>`
      select con.conname as name, c.relname as tbl, con.contype::text as type, pg_get_constraintdef(con.oid) as def
      from pg_constraint con join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'`;
    const indexes = await sql<{ name: string; tbl: string; def: string }[]>`
      select indexname as name, tablename as tbl, indexdef as def from pg_indexes where schemaname = 'public'`;
    const functions = await sql<{ name: string; lang: string; returns: string; src: string }[]>`
      select p.proname as name, l.lanname as lang, format_type(p.prorettype, null) as returns, p.prosrc as src
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace and n.nspname = 'public'
      join pg_language l on l.oid = p.prolang`;
    const triggers = await sql<{ name: string; tbl: string; def: string }[]>`
      select t.tgname as name, c.relname as tbl, pg_get_triggerdef(t.oid) as def
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where not t.tgisinternal`;
    return {
      tables: new Set(tables.map((t) => t.name)),
      columns: new Map(
        columns.map((c) => [c.key, { type: c.type, default: c.def, notNull: c.notnull }]),
      ),
      enums: new Map(enums.map((e) => [e.name, e.labels])),
      constraints: new Map(
        constraints.map((c) => [c.name, { table: c.tbl, type: c.type, definition: c.def }]),
      ),
      indexes: new Map(indexes.map((i) => [i.name, { table: i.tbl, definition: i.def }])),
      functions: new Map(
        functions.map((f) => [
          f.name,
          { language: f.lang, returns: f.returns, source: squash(f.src) },
        ]),
      ),
      triggers: new Map(triggers.map((t) => [t.name, { table: t.tbl, definition: t.def }])),
    };
  } finally {
    await sql.end();
  }
}

/** Everything in `expected` that `actual` lacks or defines differently. Additions are fine. */
export function catalogDifferences(expected: Catalog, actual: Catalog): string[] {
  const out: string[] = [];
  for (const t of expected.tables) if (!actual.tables.has(t)) out.push(`table ${t} is missing`);
  const maps = ["columns", "constraints", "indexes", "functions", "triggers"] as const;
  for (const kind of maps) {
    const exp = expected[kind] as Map<string, unknown>;
    const act = actual[kind] as Map<string, unknown>;
    for (const [name, def] of exp) {
      const got = act.get(name);
      if (got === undefined) out.push(`${kind}: ${name} is missing`);
      else if (JSON.stringify(got) !== JSON.stringify(def))
        out.push(
          `${kind}: ${name} differs: expected ${JSON.stringify(def)}, got ${JSON.stringify(got)}`,
        );
    }
  }
  for (const [name, labels] of expected.enums) {
    const got = actual.enums.get(name);
    if (!got) out.push(`enum ${name} is missing`);
    else if (JSON.stringify(got.slice(0, labels.length)) !== JSON.stringify(labels))
      out.push(
        `enum ${name}: expected ${labels.join(", ")} first and in order, got ${got.join(", ")}`,
      );
  }
  return out;
}
