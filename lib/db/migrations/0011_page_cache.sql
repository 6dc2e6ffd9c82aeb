CREATE TABLE "page_cache_entries" (
	"key" text PRIMARY KEY NOT NULL,
	"value" "bytea" NOT NULL,
	"tags" text[] NOT NULL,
	"written_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "page_cache_tags" (
	"tag" text PRIMARY KEY NOT NULL,
	"expired_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "page_cache_entries_by_written" ON "page_cache_entries" USING btree ("written_at");--> statement-breakpoint
CREATE INDEX "page_cache_tags_by_expired" ON "page_cache_tags" USING btree ("expired_at");
--> statement-breakpoint
-- A change in what can be sold of a product expires the cached pages that show its stock
-- (tags `stock:<product id>` and `stock:*`, lib/cache/tags.ts), in the same transaction as the change, whichever
-- code made it: a hold, a sale, a release, an editor's count, a script.
CREATE FUNCTION expire_stock_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO page_cache_tags (tag, expired_at)
	SELECT tag, (extract(epoch from clock_timestamp()) * 1000)::bigint FROM unnest(ARRAY['stock:' || NEW.product_id, 'stock:*']) AS tag
	ON CONFLICT (tag) DO UPDATE SET expired_at = excluded.expired_at;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inventory_insert_expires_stock_tag AFTER INSERT ON inventory FOR EACH ROW
	EXECUTE FUNCTION expire_stock_tag();
--> statement-breakpoint
CREATE TRIGGER inventory_update_expires_stock_tag AFTER UPDATE ON inventory FOR EACH ROW
	WHEN (OLD.on_hand - OLD.held IS DISTINCT FROM NEW.on_hand - NEW.held)
	EXECUTE FUNCTION expire_stock_tag();
