CREATE INDEX "checkout_sessions_by_created" ON "checkout_sessions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "holds_closed_by_expiry" ON "holds" USING btree ("expires_at") WHERE "holds"."status" <> 'open';--> statement-breakpoint
CREATE INDEX "outbox_done" ON "outbox" USING btree ("done_at") WHERE "outbox"."done_at" is not null;--> statement-breakpoint
CREATE INDEX "stripe_events_by_received" ON "stripe_events" USING btree ("received_at");