SELECT id, name, status, address, version FROM centre WHERE id = 1200 AND deleted_at IS NULL;
