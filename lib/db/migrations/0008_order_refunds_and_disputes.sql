ALTER TABLE "orders" ADD COLUMN "amount_refunded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_by_payment_intent" ON "orders" USING btree ("payment_intent_id");--> statement-breakpoint
-- Orders the store refunded before this migration were refunded in full.
UPDATE "orders" SET "amount_refunded" = "amount_total" WHERE "status" = 'refunded';
