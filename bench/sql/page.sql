SELECT id, name, status, address, website, updated_at FROM centre
 WHERE owner_region_id = 26 AND deleted_at IS NULL
 ORDER BY name, id LIMIT 50;
SELECT count(*) FROM centre WHERE owner_region_id = 26 AND deleted_at IS NULL;
