// Creates a project unless its id exists. $id, $name, $createdAtMs -> created (boolean)
OPTIONAL MATCH (existing:Project {id: $id})
WITH existing WHERE existing IS NULL
CREATE (p:Project {id: $id, name: $name, createdAtMs: $createdAtMs})
RETURN true AS created
