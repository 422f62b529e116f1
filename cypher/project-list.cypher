// Every project, by id. -> id, name
MATCH (p:Project) RETURN p.id AS id, p.name AS name ORDER BY p.id
