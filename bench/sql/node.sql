-- One centre drawn at random from the range of centre ids (lo and hi, given by bench.py),
-- under the viewer's reading rule (region 26) as cusnet reads it. cusnet and PostGraphile
-- draw only centres the viewer may read; here about one draw in twenty names one of another
-- region's own, found by the same index probe and then left out.
\set id random(:lo, :hi)
SELECT id, name, status, address, version FROM centre
 WHERE id = :id AND deleted_at IS NULL
   AND (visibility IN ('PUBLIC', 'NETWORK') OR owner_region_id IN (26));
