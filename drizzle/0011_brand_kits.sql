CREATE TABLE "brand_kits" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"colors" varchar(7)[] DEFAULT '{}' NOT NULL,
	"logo_key" text,
	"text_font" varchar(50),
	"call_to_action" varchar(100),
	"voice" varchar(100),
	"music_genre" varchar(50),
	"caption_style" varchar(16),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_kits_colors_check" CHECK (cardinality("colors") <= 3)
);
--> statement-breakpoint
ALTER TABLE "brand_kits" ADD CONSTRAINT "brand_kits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
