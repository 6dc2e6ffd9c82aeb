-- take_hold counts what a client holds in units, not only in carts: one cart may carry 30 lines of
-- 20, so a cap on carts alone let one address hold the whole catalogue. Same statement as 0002,
-- with two more limits checked behind the same lock on the client, before any row is touched.
-- New refusals (SQLSTATE, DETAIL as JSON):
--   RW005 the client's open holds with this one would exceed its units ({"held": n, "limit": n},
--         held counting this cart)
--   RW006 they would exceed its units of one variant ({"productId", "variantKey", "held", "limit"})
DROP FUNCTION take_hold(text, text, text, jsonb, text, integer, integer, timestamptz);
--> statement-breakpoint
CREATE FUNCTION take_hold(
  p_id text,
  p_cart_id text,
  p_holder text,
  p_lines jsonb,
  p_promotion_id text,
  p_max_redemptions integer,
  p_hold_limit integer,
  p_unit_limit integer,
  p_variant_unit_limit integer,
  p_expires_at timestamptz
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_open integer;
  v_held integer;
  v_over json;
  v_unit record;
  v_available integer;
  v_uses integer;
  v_attempt integer;
BEGIN
  -- Parallel requests from one client, on any instance, count one after another.
  PERFORM pg_advisory_xact_lock(hashtextextended('holder:' || p_holder, 0));
  SELECT count(*) INTO v_open FROM holds WHERE holder = p_holder AND status = 'open' AND id <> p_id;
  IF v_open >= p_hold_limit THEN
    RAISE EXCEPTION 'client holds its share' USING ERRCODE = 'RW001', DETAIL = json_build_object('open', v_open)::text;
  END IF;

  -- The client's units, per variant: its other open holds (this cart's earlier hold is being
  -- replaced) and these lines.
  WITH units AS (
    SELECT l."productId" AS product_id, l."variantKey" AS variant_key, l.quantity
    FROM holds h, jsonb_to_recordset(h.lines) AS l("productId" text, "variantKey" text, quantity integer)
    WHERE h.holder = p_holder AND h.status = 'open' AND h.id <> p_id
    UNION ALL
    SELECT l."productId", l."variantKey", l.quantity
    FROM jsonb_to_recordset(p_lines) AS l("productId" text, "variantKey" text, quantity integer)
  ), per_variant AS (
    SELECT product_id, variant_key, sum(quantity)::integer AS quantity FROM units GROUP BY 1, 2
  )
  SELECT coalesce(sum(quantity), 0)::integer,
    (SELECT json_build_object('productId', product_id, 'variantKey', variant_key, 'held', quantity, 'limit', p_variant_unit_limit)
     FROM per_variant WHERE quantity > p_variant_unit_limit ORDER BY product_id, variant_key LIMIT 1)
  INTO v_held, v_over
  FROM per_variant;
  IF v_held > p_unit_limit THEN
    RAISE EXCEPTION 'client holds its units' USING ERRCODE = 'RW005',
      DETAIL = json_build_object('held', v_held, 'limit', p_unit_limit)::text;
  END IF;
  IF v_over IS NOT NULL THEN
    RAISE EXCEPTION 'client holds its units of a variant' USING ERRCODE = 'RW006', DETAIL = v_over::text;
  END IF;

  -- Lines merged per variant and taken in key order, so two holds lock rows in the same order.
  FOR v_unit IN
    SELECT l."productId" AS product_id, l."variantKey" AS variant_key, sum(l.quantity)::integer AS quantity
    FROM jsonb_to_recordset(p_lines) AS l("productId" text, "variantKey" text, quantity integer)
    GROUP BY 1, 2
    ORDER BY 1, 2
  LOOP
    UPDATE inventory SET held = held + v_unit.quantity, updated_at = now()
    WHERE product_id = v_unit.product_id AND variant_key = v_unit.variant_key
      AND available_units(on_hand, held) >= v_unit.quantity;
    IF NOT FOUND THEN
      SELECT available_units(on_hand, held) INTO v_available
      FROM inventory WHERE product_id = v_unit.product_id AND variant_key = v_unit.variant_key;
      RAISE EXCEPTION 'variant short' USING ERRCODE = 'RW002', DETAIL = json_build_object(
        'productId', v_unit.product_id, 'variantKey', v_unit.variant_key, 'available', coalesce(v_available, 0)
      )::text;
    END IF;
  END LOOP;

  IF p_promotion_id IS NOT NULL THEN
    INSERT INTO promotion_uses AS u (promotion_id, held) VALUES (p_promotion_id, 1)
    ON CONFLICT (promotion_id) DO UPDATE SET held = u.held + 1
      WHERE p_max_redemptions IS NULL OR u.held + u.redeemed < p_max_redemptions
    RETURNING u.held INTO v_uses;
    -- No row: the limit was reached. Over the limit: a first use of a code whose limit is 0.
    IF v_uses IS NULL OR v_uses > coalesce(p_max_redemptions, v_uses) THEN
      RAISE EXCEPTION 'code used up' USING ERRCODE = 'RW003';
    END IF;
  END IF;

  -- A new attempt reuses a closed hold's row; an open one belongs to a request already under way.
  INSERT INTO holds AS h (id, cart_id, holder, status, attempt, lines, promotion_id, created_at, expires_at)
  VALUES (p_id, p_cart_id, p_holder, 'open', 1, p_lines, p_promotion_id, now(), p_expires_at)
  ON CONFLICT (id) DO UPDATE SET
    cart_id = EXCLUDED.cart_id, holder = EXCLUDED.holder, status = 'open', attempt = h.attempt + 1,
    lines = EXCLUDED.lines, promotion_id = EXCLUDED.promotion_id, session_id = NULL, checkout_url = NULL,
    created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
  WHERE h.status <> 'open'
  RETURNING h.attempt INTO v_attempt;
  IF v_attempt IS NULL THEN
    RAISE EXCEPTION 'hold open already' USING ERRCODE = 'RW004';
  END IF;
  RETURN v_attempt;
END
$$;
