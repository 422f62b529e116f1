// Every project, by id. -> id, name, timeZone
MATCH (p:Project) RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone ORDER BY p.id
