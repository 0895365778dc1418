-- Voice-overs (issue 13) are audio assets made by a speech model: their source says which kind.
ALTER TYPE "public"."asset_source" ADD VALUE IF NOT EXISTS 'local-speech';--> statement-breakpoint
ALTER TYPE "public"."asset_source" ADD VALUE IF NOT EXISTS 'minimax-speech';
