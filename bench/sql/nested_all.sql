SELECT c.id, c.name, m.name, e.summary, p.given_name, p.family_name, pr.title
  FROM region r
  CROSS JOIN LATERAL (SELECT id, name, primary_municipality_id FROM centre
         WHERE owner_region_id = r.id AND deleted_at IS NULL ORDER BY name, id LIMIT 10) c
  JOIN municipality m ON m.id = c.primary_municipality_id
  LEFT JOIN expert e ON e.centre_id = c.id AND e.deleted_at IS NULL
  LEFT JOIN person p ON p.id = e.person_id
  LEFT JOIN LATERAL (SELECT string_agg(pj.title, '|') AS title FROM centre_project cp
                       JOIN project pj ON pj.id = cp.project_id WHERE cp.centre_id = c.id) pr ON true;
