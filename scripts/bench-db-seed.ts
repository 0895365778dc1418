// Seeds the bench database in bulk (generate_series, one transaction): users, sessions spread
// over the stages of the pipeline, their assets (product photo, images with regenerated
// takes, clips, music, one to three final videos) and the cost ledger (one row per provider
// call, a few failed retries, the two LLM steps). About 15 assets and 15 cost rows per session.
//
// Rows are staged in temporary tables first so that every session row is written once with
// its asset-id arrays and its total (the document's trigger would otherwise run one UPDATE
// per cost row), and so that the inserts follow the foreign keys when they are checked (a
// non-superuser DATABASE_URL). The tables' own indexes are dropped during the load and built
// again from their definitions before the commit. The data is the same on every run (setseed).
import type postgres from "postgres";

export type SeedSize = { users: number; sessions: number };

const TABLES = ["sessions", "assets", "generation_costs"];

/** Statuses by share of sessions, cumulative; stage = how far through the pipeline. */
const STATUS_SQL = `CASE
    WHEN rs < 0.030 THEN 'created' WHEN rs < 0.040 THEN 'prompting'
    WHEN rs < 0.055 THEN 'generating_images' WHEN rs < 0.155 THEN 'reviewing_images'
    WHEN rs < 0.170 THEN 'generating_videos' WHEN rs < 0.250 THEN 'reviewing_videos'
    WHEN rs < 0.260 THEN 'composing' WHEN rs < 0.880 THEN 'completed'
    WHEN rs < 0.940 THEN 'failed' ELSE 'cancelled' END`;
const STAGE_SQL = `CASE status
    WHEN 'created' THEN 0 WHEN 'prompting' THEN 0 WHEN 'generating_images' THEN 1
    WHEN 'reviewing_images' THEN 2 WHEN 'generating_videos' THEN 3 WHEN 'reviewing_videos' THEN 4
    WHEN 'composing' THEN 5 WHEN 'completed' THEN 6
    WHEN 'failed' THEN (CASE WHEN rt < 0.5 THEN 1 WHEN rt < 0.85 THEN 3 ELSE 5 END)
    ELSE (CASE WHEN rt < 0.2 THEN 0 WHEN rt < 0.5 THEN 2 WHEN rt < 0.6 THEN 3 ELSE 4 END) END`;

function steps({ users, sessions }: SeedSize): [string, string][] {
  const img = (k: string) => `pg_temp.bench_uuid('i:' || p.n || ':' || (${k}))`;
  const clip = (k: string) => `pg_temp.bench_uuid('c:' || p.n || ':' || (${k}))`;
  const fin = (k: string) => `pg_temp.bench_uuid('f:' || p.n || ':' || (${k}))`;
  const deleted = `CASE WHEN p.deleted THEN p.deleted_at END`;
  // Columns of seed_assets, in the order every part below selects them.
  const assetColumns = `id, session_id, type, source, status, url, storage_path, file_size_bytes,
    mime_type, resolution, duration_seconds, fps, generation_cost, generation_time_seconds,
    model_version, view_type, seed, guidance_scale, source_image_id, scene_prompt,
    camera_movement, motion_intensity, generation_prompt, negative_prompt, user_selected,
    selection_order, created_at, updated_at, deleted_at, metadata, prediction_id, retry_count`;
  const file = (kind: string, ext: string) =>
    `'sessions/' || p.id || '/${kind}/' || k || '.${ext}'`;
  return [
    [
      "helpers",
      `CREATE FUNCTION pg_temp.bench_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
         $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$;
       SELECT setseed(0.42);`,
    ],
    [
      "users",
      `INSERT INTO users (email, password_hash, full_name, created_at, last_login_at)
       SELECT 'bench-' || k || '@bench.invalid',
              '$2b$12$LQv3c1yqBWVHxkd0LHAkCOYz6TtxMQJqhN8/LdQmJq5rMJHvQJJwe',
              'Bench User ' || k, now() - interval '400 days', now() - random() * interval '30 days'
       FROM generate_series(1, ${users}) k;
       CREATE TEMP TABLE bench_users AS
       SELECT row_number() OVER (ORDER BY id) AS k, id FROM users
       WHERE email LIKE 'bench-%@bench.invalid';`,
    ],
    [
      "plan",
      // A few heavy users: user k's share falls off as k^-0.23 (the busiest has ~5x the median).
      `CREATE TEMP TABLE plan AS
       WITH base AS (
         SELECT n, 1 + least(${users} - 1, floor(${users} * power(random(), 1.3))::int) AS user_k,
           random() AS rs, random() AS rt, random() AS ri, random() AS rx, random() AS ry,
           random() AS ra, random() AS rg, random() AS rm, random() AS rf, random() AS rp,
           random() AS rd, now() - random() * interval '365 days' AS created_at
         FROM generate_series(1, ${sessions}) n
       ), st AS (SELECT *, ${STATUS_SQL} AS status FROM base)
       SELECT n, pg_temp.bench_uuid('s:' || n) AS id, u.id AS user_id,
         status::session_status AS status, ${STAGE_SQL} AS stage,
         CASE WHEN ri < 0.15 THEN 4 WHEN ri < 0.25 THEN 5 WHEN ri < 0.8 THEN 6
              WHEN ri < 0.9 THEN 7 ELSE 8 END AS n_img,
         floor(power(rx, 1.5) * 7)::int AS x_img,
         floor(power(ry, 1.5) * 6)::int AS x_clip,
         ra, rg, rm < 0.6 AS music,
         CASE WHEN rf < 0.7 THEN 1 WHEN rf < 0.85 THEN 2 ELSE 3 END AS n_fmt,
         rp < 0.4 AS photo, rp < 0.04 AS photo_replaced,
         rd < 0.03 AS deleted, created_at,
         created_at + (rd * 40 + 1) * interval '1 day' AS deleted_at,
         (ARRAY['footwear','accessories','electronics','beauty','apparel','home','other'])
           [1 + n % 7]::product_category AS category,
         (ARRAY['9:16','1:1','16:9'])[1 + floor(rf * 3)::int] AS ratio,
         (ARRAY[3.0, 3.0, 4.0, 5.0])[1 + n % 4]::numeric AS clip_secs,
         (ARRAY['pink tennis shoes','leather weekender bag','wireless earbuds','vitamin C serum',
                'linen summer shirt','ceramic table lamp','trail running shoes','smart watch'])
           [1 + n % 8] AS product
       FROM st JOIN bench_users u ON u.k = st.user_k;
       CREATE TEMP TABLE plan_counts AS
       SELECT n, greatest(n_img - (ra < 0.3)::int, 1) AS a_img FROM plan;`,
    ],
    [
      "assets (staged)",
      `CREATE TEMP TABLE seed_assets AS SELECT ${assetColumns} FROM assets LIMIT 0;
       -- the uploaded product photo, and for a few sessions the one it replaced (soft-deleted)
       INSERT INTO seed_assets (${assetColumns})
       SELECT pg_temp.bench_uuid('p:' || p.n || ':' || k), p.id, 'image'::asset_type, 'user-upload'::asset_source, 'completed'::asset_status,
         'https://media.bench.invalid/' || ${file("uploads", "jpg")}, ${file("uploads", "jpg")},
         300000 + floor(random() * 2000000), 'image/jpeg', '1200x1600', NULL, NULL, 0, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL,
         p.created_at + k * interval '10 seconds', p.created_at + k * interval '10 seconds',
         CASE WHEN k = 1 AND p.photo_replaced THEN p.created_at + interval '10 seconds'
              ELSE ${deleted} END,
         jsonb_build_object('productPhoto', true), NULL, 0
       FROM plan p CROSS JOIN LATERAL generate_series(CASE WHEN p.photo_replaced THEN 1 ELSE 2 END, 2) k
       WHERE p.photo;
       -- images: the requested ones, then regenerated takes once they are reviewed
       INSERT INTO seed_assets (${assetColumns})
       SELECT ${img("k")}, p.id, 'image'::asset_type, src, st,
         CASE WHEN st IN ('generating','failed') THEN '' ELSE 'https://media.bench.invalid/' || ${file("images", "png")} END,
         CASE WHEN st IN ('generating','failed') THEN NULL ELSE ${file("images", "png")} END,
         CASE WHEN st IN ('generating','failed') THEN NULL ELSE 800000 + floor(random() * 1500000) END,
         'image/png', '1024x1792', NULL, NULL,
         CASE src WHEN 'flux-pro' THEN 0.04 WHEN 'sdxl' THEN 0.0042 ELSE 0 END,
         round((3 + random() * 12)::numeric, 2), src || '-v1',
         (ARRAY['front','side','back','detail','lifestyle','top'])[1 + k % 6],
         1000 + p.n, 3.5, NULL, NULL, NULL, NULL,
         'Studio photograph of ' || p.product || ', ' || (ARRAY['front','side','back','detail','lifestyle','top'])[1 + k % 6]
           || ' view, soft daylight, seamless backdrop, commercial product shot, high detail',
         'blurry, watermark, text, low quality', sel, CASE WHEN sel THEN k END,
         p.created_at + interval '1 minute' + k * interval '5 seconds' + (k > p.n_img)::int * interval '6 minutes',
         p.created_at + interval '2 minutes' + k * interval '5 seconds' + (k > p.n_img)::int * interval '6 minutes',
         ${deleted},
         jsonb_build_object('index', least(k, p.n_img) - 1, 'stage', 'images', 'run', 1)
           || CASE WHEN k > p.n_img THEN jsonb_build_object('replaces', ${img("1 + (k % p.n_img)")}) ELSE '{}' END,
         CASE WHEN src = 'local-image' THEN NULL ELSE md5('pi' || p.n || k) END, 0
       FROM plan p JOIN plan_counts c USING (n)
       CROSS JOIN LATERAL generate_series(1, p.n_img + CASE WHEN p.stage >= 2 THEN p.x_img ELSE 0 END) k
       CROSS JOIN LATERAL (SELECT
         CASE WHEN p.n % 10 < 7 THEN 'flux-pro' WHEN p.n % 10 < 9 THEN 'sdxl' ELSE 'local-image' END::asset_source AS src,
         CASE WHEN p.stage = 1 AND k > floor(p.rg * p.n_img) THEN
                (CASE WHEN p.status IN ('failed','cancelled') THEN 'failed' ELSE 'generating' END)
              WHEN k > p.n_img THEN (CASE WHEN k % 2 = 0 THEN 'rejected' ELSE 'completed' END)
              WHEN p.stage >= 3 AND k <= c.a_img THEN 'approved'
              WHEN p.stage = 2 AND k <= floor(p.rg * p.n_img) THEN 'approved'
              ELSE 'completed' END::asset_status AS st) s1
       CROSS JOIN LATERAL (SELECT s1.st = 'approved' AS sel) s2
       WHERE p.stage >= 1;
       -- clips: one per approved image, then regenerated takes once they are reviewed
       INSERT INTO seed_assets (${assetColumns})
       SELECT ${clip("k")}, p.id, 'video_clip'::asset_type, src, st,
         CASE WHEN st IN ('generating','failed') THEN '' ELSE 'https://media.bench.invalid/' || ${file("clips", "mp4")} END,
         CASE WHEN st IN ('generating','failed') THEN NULL ELSE ${file("clips", "mp4")} END,
         CASE WHEN st IN ('generating','failed') THEN NULL ELSE 2000000 + floor(random() * 6000000) END,
         'video/mp4', '720x1280', p.clip_secs, 24,
         CASE src WHEN 'runway-gen2' THEN 0.05 * 5 WHEN 'stable-video-diffusion' THEN 0.056 ELSE 0 END,
         round((30 + random() * 90)::numeric, 2), src || '-v1', NULL, 2000 + p.n, NULL,
         ${img("1 + ((k - 1) % c.a_img)")},
         'The ' || p.product || ' turns slowly on a pedestal as light sweeps across it',
         (ARRAY['orbit','push_in','pan_left','static','tilt_up'])[1 + k % 5], 0.6,
         NULL, NULL, sel, CASE WHEN sel THEN k END,
         p.created_at + interval '12 minutes' + k * interval '5 seconds' + (k > c.a_img)::int * interval '8 minutes',
         p.created_at + interval '14 minutes' + k * interval '5 seconds' + (k > c.a_img)::int * interval '8 minutes',
         ${deleted},
         jsonb_build_object('index', least(k, c.a_img) - 1, 'stage', 'clips', 'run', 1)
           || CASE WHEN k > c.a_img THEN jsonb_build_object('replaces', ${clip("1 + (k % c.a_img)")}) ELSE '{}' END,
         CASE WHEN src = 'local-video' THEN NULL ELSE md5('pc' || p.n || k) END, 0
       FROM plan p JOIN plan_counts c USING (n)
       CROSS JOIN LATERAL generate_series(1, c.a_img + CASE WHEN p.stage >= 4 THEN p.x_clip ELSE 0 END) k
       CROSS JOIN LATERAL (SELECT
         CASE WHEN p.n % 10 < 6 THEN 'stable-video-diffusion' WHEN p.n % 10 < 9 THEN 'runway-gen2'
              ELSE 'local-video' END::asset_source AS src,
         CASE WHEN p.stage = 3 AND k > floor(p.rg * c.a_img) THEN
                (CASE WHEN p.status IN ('failed','cancelled') THEN 'failed' ELSE 'generating' END)
              WHEN k > c.a_img THEN (CASE WHEN k % 2 = 0 THEN 'rejected' ELSE 'completed' END)
              WHEN p.stage >= 5 THEN 'approved'
              ELSE 'completed' END::asset_status AS st) s1
       CROSS JOIN LATERAL (SELECT s1.st = 'approved' AS sel) s2
       WHERE p.stage >= 3;
       -- music, when the ad has it, and the final videos (one per format)
       INSERT INTO seed_assets (${assetColumns})
       SELECT pg_temp.bench_uuid('m:' || p.n), p.id, 'audio'::asset_type, 'musicgen'::asset_source, st,
         'https://media.bench.invalid/sessions/' || p.id || '/music.mp3', 'sessions/' || p.id || '/music.mp3',
         400000, 'audio/mpeg', NULL, 18, NULL, 0.028, 20, 'musicgen-v1', NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, 'upbeat electronic, 120 bpm', NULL, false, NULL,
         p.created_at + interval '25 minutes', p.created_at + interval '26 minutes', ${deleted},
         jsonb_build_object('stage', 'composition'), md5('pm' || p.n), 0
       FROM plan p CROSS JOIN LATERAL (SELECT
         CASE WHEN p.status = 'composing' THEN 'generating' WHEN p.status = 'failed' AND p.stage = 5
              THEN 'failed' ELSE 'completed' END::asset_status AS st) s
       WHERE p.stage >= 5 AND p.music;
       INSERT INTO seed_assets (${assetColumns})
       SELECT ${fin("k")}, p.id, 'final_video'::asset_type, 'ffmpeg'::asset_source, st,
         CASE WHEN st = 'completed' THEN 'https://media.bench.invalid/' || ${file("final", "mp4")} ELSE '' END,
         CASE WHEN st = 'completed' THEN ${file("final", "mp4")} END,
         CASE WHEN st = 'completed' THEN 6000000 + floor(random() * 10000000) END,
         'video/mp4', (ARRAY['1080x1920','1080x1080','1920x1080'])[k], 18, 30, 0, 14, 'ffmpeg',
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL,
         p.created_at + interval '27 minutes', p.created_at + interval '28 minutes', ${deleted},
         jsonb_build_object('aspectRatio', (ARRAY['9:16','1:1','16:9'])[k], 'stage', 'composition')
           || CASE WHEN st = 'completed' THEN jsonb_build_object('posterUrl',
                'https://media.bench.invalid/' || ${file("final", "jpg")}) ELSE '{}' END,
         NULL, 0
       FROM plan p CROSS JOIN LATERAL generate_series(1, CASE WHEN p.stage = 6 THEN p.n_fmt ELSE 1 END) k
       CROSS JOIN LATERAL (SELECT
         CASE WHEN p.stage = 6 THEN 'completed' WHEN p.status = 'failed' THEN 'failed'
              ELSE 'generating' END::asset_status AS st) s
       WHERE p.stage >= 5;`,
    ],
    [
      "cost rows (staged)",
      `CREATE TEMP TABLE seed_costs AS
       SELECT session_id, asset_id, category, amount, provider, model_name, api_call_id, tokens_used,
         seconds_processed, api_latency_ms, success, error_message, created_at, metadata
       FROM generation_costs LIMIT 0;
       -- one row per provider call that finished; composition once per compose
       INSERT INTO seed_costs
       SELECT a.session_id, a.id,
         (CASE a.type WHEN 'image' THEN 'image_generation' WHEN 'video_clip' THEN 'video_generation'
              WHEN 'audio' THEN 'audio_generation' ELSE 'composition' END)::cost_category,
         CASE WHEN a.status = 'failed' THEN 0 ELSE a.generation_cost END,
         CASE WHEN a.source IN ('local-image','local-video','ffmpeg') THEN 'local' ELSE 'replicate' END,
         a.model_version, a.prediction_id, NULL,
         CASE WHEN a.type IN ('video_clip','audio') THEN a.duration_seconds END,
         (CASE a.type WHEN 'image' THEN 3000 + random() * 12000 WHEN 'video_clip' THEN 30000 + random() * 90000
               WHEN 'audio' THEN 15000 + random() * 10000 ELSE 8000 + random() * 6000 END)::int,
         a.status <> 'failed', CASE WHEN a.status = 'failed' THEN 'The prediction failed.' END,
         a.updated_at, '{}'::jsonb
       FROM seed_assets a
       WHERE a.source <> 'user-upload' AND a.status <> 'generating'
         AND NOT (a.type = 'final_video' AND a.metadata->>'aspectRatio' <> '9:16');
       -- a failed first attempt before a few of them
       INSERT INTO seed_costs
       SELECT session_id, asset_id, category, 0, provider, model_name, md5(api_call_id || 'retry'),
         NULL, NULL, api_latency_ms, false, 'Prediction timed out; retrying.',
         created_at - interval '1 minute', '{"attempt": 1}'::jsonb
       FROM seed_costs WHERE provider = 'replicate' AND random() < 0.02;
       -- the two LLM steps: parsing the prompt, planning the scenes
       INSERT INTO seed_costs
       SELECT p.id, NULL::uuid, 'llm'::cost_category, round(t * 0.0095 / 1000, 4), 'replicate', 'llama-3.1-405b-instruct',
         md5('pl' || p.n || step), t, NULL, (1500 + random() * 4000)::int, true, NULL,
         p.created_at + step * interval '10 minutes', jsonb_build_object('step', step)
       FROM plan p CROSS JOIN LATERAL generate_series(0, CASE WHEN p.stage >= 3 THEN 1 ELSE 0 END) step
       CROSS JOIN LATERAL (SELECT 800 + floor(random() * 1500)::int AS t) tok
       WHERE p.stage >= 1;`,
    ],
    [
      "sessions",
      `INSERT INTO sessions (id, user_id, status, current_stage, progress_percentage, product_category,
         user_product_prompt, user_video_prompt, consistency_seed, style_keywords,
         generated_image_ids, approved_image_ids, generated_clip_ids, approved_clip_ids, final_video_id,
         product_name, call_to_action, text_color, text_font, background_music_enabled, music_genre,
         total_cost, estimated_cost, num_images_requested, clip_duration_seconds, error_message,
         created_at, updated_at, completed_at, deleted_at, metadata, aspect_ratio, budget_usd)
       SELECT p.id, p.user_id, p.status,
         (ARRAY[NULL,'image_gen','image_gen','video_gen','video_gen','composition','composition'])[p.stage + 1],
         CASE WHEN p.stage = 6 THEN 100 ELSE p.stage * 15 END, p.category,
         p.product || ' for a spring campaign, shot on a clean background',
         'Show the ' || p.product || ' in motion, ending on the logo', 1000 + p.n,
         ARRAY['minimal','bright','premium'],
         CASE WHEN p.stage >= 1 THEN ARRAY(SELECT ${img("k")} FROM generate_series(1, p.n_img) k) ELSE '{}' END,
         CASE WHEN p.stage >= 3 THEN ARRAY(SELECT ${img("k")} FROM generate_series(1, c.a_img) k) ELSE '{}' END,
         CASE WHEN p.stage >= 3 THEN ARRAY(SELECT ${clip("k")} FROM generate_series(1, c.a_img) k) ELSE '{}' END,
         CASE WHEN p.stage >= 5 THEN ARRAY(SELECT ${clip("k")} FROM generate_series(1, c.a_img) k) ELSE '{}' END,
         CASE WHEN p.stage = 6 THEN ${fin("1")} END,
         initcap(p.product), 'Shop now', '#FFFFFF', 'inter', p.music, CASE WHEN p.music THEN 'electronic' END,
         coalesce(t.total, 0), round((0.5 + p.rg * 2)::numeric, 4), p.n_img, p.clip_secs,
         CASE WHEN p.status = 'failed' THEN 'The image model did not answer in time.' END,
         p.created_at, p.created_at + (p.stage * 5 + 1) * interval '1 minute',
         CASE WHEN p.stage = 6 THEN p.created_at + interval '30 minutes' END,
         CASE WHEN p.deleted THEN p.deleted_at END,
         CASE WHEN p.photo THEN jsonb_build_object('productPhotoAssetId', pg_temp.bench_uuid('p:' || p.n || ':2'))
              ELSE '{}' END,
         p.ratio, 5
       FROM plan p JOIN plan_counts c USING (n)
       LEFT JOIN (SELECT session_id, sum(amount) AS total FROM seed_costs GROUP BY 1) t ON t.session_id = p.id
       ORDER BY p.created_at;`,
    ],
    [
      "assets",
      `INSERT INTO assets (${assetColumns}) SELECT ${assetColumns} FROM seed_assets
       ORDER BY created_at, (type = 'image') DESC, id;`,
    ],
    [
      "generation_costs",
      `INSERT INTO generation_costs (session_id, asset_id, category, amount, provider, model_name,
         api_call_id, tokens_used, seconds_processed, api_latency_ms, success, error_message,
         created_at, metadata)
       SELECT * FROM seed_costs ORDER BY created_at;`,
    ],
  ];
}

/** Seeds an empty, migrated database; logs each step's time. */
export async function seed(
  sql: postgres.Sql,
  size: SeedSize,
  log: (line: string) => void,
): Promise<void> {
  const [{ super: isSuper }] = await sql<{ super: boolean }[]>`
    select rolsuper as super from pg_roles where rolname = current_user`;
  await sql.begin(async (tx) => {
    await tx.unsafe(`SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL work_mem = '64MB';
      SET LOCAL synchronous_commit = off; SET LOCAL temp_buffers = '256MB'`);
    // As superuser, no trigger runs during the load (the foreign keys' included); otherwise
    // only the cost triggers are switched off and the inserts follow the foreign keys.
    await tx.unsafe(
      isSuper
        ? "SET LOCAL session_replication_role = replica"
        : "ALTER TABLE generation_costs DISABLE TRIGGER USER",
    );
    const indexes = await tx.unsafe<{ name: string; def: string }[]>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [TABLES],
    );
    for (const { name } of indexes) await tx.unsafe(`DROP INDEX "${name}"`);
    for (const [name, text] of steps(size)) {
      const t0 = performance.now();
      await tx.unsafe(text);
      log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const t0 = performance.now();
    for (const { def } of indexes) await tx.unsafe(def);
    log(`  ${indexes.length} indexes built: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (!isSuper) await tx.unsafe("ALTER TABLE generation_costs ENABLE TRIGGER USER");
  });
  const t0 = performance.now();
  await sql.unsafe("VACUUM ANALYZE users, sessions, assets, generation_costs");
  log(`  vacuum analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
