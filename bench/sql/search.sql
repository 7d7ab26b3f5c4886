SELECT id, name FROM centre WHERE search_text LIKE '%lagow%' AND deleted_at IS NULL ORDER BY name, id LIMIT 20;
SELECT id, title FROM good_practice WHERE search_text LIKE '%klub sasiedzki%' AND deleted_at IS NULL ORDER BY title, id LIMIT 20;
