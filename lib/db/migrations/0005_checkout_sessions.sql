CREATE TABLE "checkout_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"hold_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Sessions open while this migrates stay ours: each hold still names its latest attempt's session.
INSERT INTO "checkout_sessions" ("session_id", "hold_id", "attempt", "created_at")
SELECT "session_id", "id", "attempt", "created_at" FROM "holds" WHERE "session_id" IS NOT NULL
ON CONFLICT DO NOTHING;
