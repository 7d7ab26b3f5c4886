SELECT owner_region_id, status, count(*) FROM centre WHERE owner_region_id = 26 AND deleted_at IS NULL GROUP BY 1, 2;
SELECT owner_region_id, count(*), sum(grant_requested_grosze), sum(grant_awarded_grosze) FROM project WHERE owner_region_id = 26 AND deleted_at IS NULL GROUP BY 1;
