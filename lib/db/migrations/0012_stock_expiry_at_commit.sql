-- The stock triggers of 0011 stamp their expiry when the row changes, before the transaction
-- commits: a page rendered in between read the old stock yet counted as written after the
-- expiry, and kept it. As constraint triggers deferred to the commit, they stamp it as the
-- transaction ends, so that window is the commit itself.
DROP TRIGGER inventory_insert_expires_stock_tag ON inventory;
--> statement-breakpoint
DROP TRIGGER inventory_update_expires_stock_tag ON inventory;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER inventory_insert_expires_stock_tag AFTER INSERT ON inventory
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
	EXECUTE FUNCTION expire_stock_tag();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER inventory_update_expires_stock_tag AFTER UPDATE ON inventory
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
	WHEN (OLD.on_hand - OLD.held IS DISTINCT FROM NEW.on_hand - NEW.held)
	EXECUTE FUNCTION expire_stock_tag();
