CREATE TYPE "public"."asset_source" AS ENUM('flux-pro', 'sdxl', 'stable-video-diffusion', 'runway-gen2', 'musicgen', 'ffmpeg', 'user-upload', 'local-image', 'local-video', 'local-music');--> statement-breakpoint
CREATE TYPE "public"."asset_status" AS ENUM('generating', 'completed', 'failed', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."asset_type" AS ENUM('image', 'video_clip', 'final_video', 'audio');--> statement-breakpoint
CREATE TYPE "public"."cost_category" AS ENUM('llm', 'image_generation', 'video_generation', 'audio_generation', 'composition', 'storage', 'other');--> statement-breakpoint
CREATE TYPE "public"."product_category" AS ENUM('footwear', 'accessories', 'electronics', 'beauty', 'apparel', 'home', 'other');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('created', 'prompting', 'generating_images', 'reviewing_images', 'generating_videos', 'reviewing_videos', 'composing', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"type" "asset_type" NOT NULL,
	"source" "asset_source" NOT NULL,
	"status" "asset_status" DEFAULT 'generating' NOT NULL,
	"url" text NOT NULL,
	"storage_path" text,
	"file_size_bytes" bigint,
	"mime_type" varchar(100),
	"resolution" varchar(20),
	"duration_seconds" numeric(6, 3),
	"fps" integer,
	"generation_cost" numeric(10, 4) DEFAULT 0.00,
	"generation_time_seconds" numeric(8, 2),
	"model_version" varchar(100),
	"view_type" varchar(50),
	"seed" integer,
	"guidance_scale" numeric(4, 2),
	"source_image_id" uuid,
	"scene_prompt" text,
	"camera_movement" varchar(50),
	"motion_intensity" numeric(3, 2),
	"generation_prompt" text,
	"negative_prompt" text,
	"user_selected" boolean DEFAULT false,
	"selection_order" integer,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"deleted_at" timestamp with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb,
	"prediction_id" varchar(255),
	"error_message" text,
	"retry_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generation_costs" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"asset_id" uuid,
	"category" "cost_category" NOT NULL,
	"amount" numeric(10, 4) NOT NULL,
	"currency" varchar(3) DEFAULT 'USD',
	"provider" varchar(50),
	"model_name" varchar(100),
	"api_call_id" varchar(255),
	"tokens_used" integer,
	"seconds_processed" numeric(8, 2),
	"api_latency_ms" integer,
	"success" boolean DEFAULT true,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now(),
	"metadata" jsonb DEFAULT '{}'::jsonb
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"key" varchar(255) NOT NULL,
	"request_hash" varchar(64) NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" varchar(320) PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" integer NOT NULL,
	"status" "session_status" DEFAULT 'created' NOT NULL,
	"current_stage" varchar(50),
	"progress_percentage" integer DEFAULT 0,
	"product_category" "product_category",
	"user_product_prompt" text,
	"user_video_prompt" text,
	"consistency_seed" integer,
	"style_keywords" text[],
	"generated_image_ids" uuid[] DEFAULT '{}',
	"approved_image_ids" uuid[] DEFAULT '{}',
	"generated_clip_ids" uuid[] DEFAULT '{}',
	"approved_clip_ids" uuid[] DEFAULT '{}',
	"final_video_id" uuid,
	"product_name" varchar(100),
	"call_to_action" varchar(100),
	"text_color" varchar(7),
	"text_font" varchar(50),
	"background_music_enabled" boolean DEFAULT false,
	"music_genre" varchar(50),
	"music_url" text,
	"total_cost" numeric(10, 4) DEFAULT 0.00,
	"estimated_cost" numeric(10, 4),
	"num_images_requested" integer DEFAULT 6,
	"clip_duration_seconds" numeric(4, 2) DEFAULT 3.0,
	"error_message" text,
	"retry_count" integer DEFAULT 0,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"completed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb,
	"aspect_ratio" varchar(8) DEFAULT '9:16' NOT NULL,
	"budget_usd" numeric(10, 4) DEFAULT '5' NOT NULL,
	CONSTRAINT "sessions_progress_percentage_check" CHECK (progress_percentage >= 0 AND progress_percentage <= 100)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(255) NOT NULL,
	"password_hash" varchar(255) NOT NULL,
	"full_name" varchar(255),
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	"last_login_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "websocket_connections" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"connection_id" varchar(255) NOT NULL,
	"client_ip" varchar(45),
	"user_agent" text,
	"connected_at" timestamp with time zone DEFAULT now(),
	"last_heartbeat_at" timestamp with time zone DEFAULT now(),
	"disconnected_at" timestamp with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb,
	CONSTRAINT "websocket_connections_connection_id_key" UNIQUE("connection_id")
);
--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_source_image_id_fkey" FOREIGN KEY ("source_image_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_costs" ADD CONSTRAINT "generation_costs_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_costs" ADD CONSTRAINT "generation_costs_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "websocket_connections" ADD CONSTRAINT "websocket_connections_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_assets_session_id" ON "assets" USING btree ("session_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_assets_type" ON "assets" USING btree ("type") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_assets_status" ON "assets" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_assets_source" ON "assets" USING btree ("source");--> statement-breakpoint
CREATE INDEX "idx_assets_user_selected" ON "assets" USING btree ("user_selected") WHERE user_selected = TRUE;--> statement-breakpoint
CREATE INDEX "idx_assets_created_at" ON "assets" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_assets_source_image_id" ON "assets" USING btree ("source_image_id") WHERE source_image_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_assets_metadata" ON "assets" USING gin ("metadata");--> statement-breakpoint
CREATE INDEX "idx_generation_costs_session_id" ON "generation_costs" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "idx_generation_costs_asset_id" ON "generation_costs" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "idx_generation_costs_category" ON "generation_costs" USING btree ("category");--> statement-breakpoint
CREATE INDEX "idx_generation_costs_created_at" ON "generation_costs" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_generation_costs_provider" ON "generation_costs" USING btree ("provider");--> statement-breakpoint
CREATE INDEX "idx_sessions_user_id" ON "sessions" USING btree ("user_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_sessions_status" ON "sessions" USING btree ("status") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_sessions_created_at" ON "sessions" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_sessions_updated_at" ON "sessions" USING btree ("updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_sessions_product_category" ON "sessions" USING btree ("product_category");--> statement-breakpoint
CREATE INDEX "idx_sessions_approved_image_ids" ON "sessions" USING gin ("approved_image_ids");--> statement-breakpoint
CREATE INDEX "idx_sessions_approved_clip_ids" ON "sessions" USING gin ("approved_clip_ids");--> statement-breakpoint
CREATE INDEX "idx_sessions_style_keywords" ON "sessions" USING gin ("style_keywords");--> statement-breakpoint
CREATE INDEX "idx_sessions_metadata" ON "sessions" USING gin ("metadata");--> statement-breakpoint
CREATE INDEX "idx_sessions_user_created" ON "sessions" USING btree ("user_id","created_at" DESC NULLS FIRST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_users_email" ON "users" USING btree ("email") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_users_created_at" ON "users" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idx_websocket_session_id" ON "websocket_connections" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "idx_websocket_connection_id" ON "websocket_connections" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "idx_websocket_active" ON "websocket_connections" USING btree ("session_id") WHERE disconnected_at IS NULL;