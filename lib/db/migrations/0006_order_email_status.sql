ALTER TABLE "orders" ADD COLUMN "email_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
-- Orders recorded before this migration: their confirmation's fate is in the outbox.
UPDATE "orders" o SET "email_status" = CASE WHEN j."done_at" IS NOT NULL THEN 'sent' ELSE 'failed' END
FROM "outbox" j
WHERE j."topic" = 'order_email' AND j."subject" = o."id" AND (j."done_at" IS NOT NULL OR j."failed_at" IS NOT NULL);
