SELECT id, name, status, address, website, updated_at FROM centre
 WHERE owner_region_id = 26 AND status = 'OPERATING' AND deleted_at IS NULL
 ORDER BY name, id LIMIT 50;
