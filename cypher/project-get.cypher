// One project and its version (bumped by every write to it). $id -> id, name, version
MATCH (p:Project {id: $id}) RETURN p.id AS id, p.name AS name, coalesce(p.version, 0) AS version
