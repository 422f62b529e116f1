// Creates a project unless its id exists. $id, $name, $timeZone, $createdAtMs -> created (boolean)
OPTIONAL MATCH (existing:Project {id: $id})
WITH existing WHERE existing IS NULL
CREATE (p:Project {id: $id, name: $name, timeZone: $timeZone, createdAtMs: $createdAtMs})
RETURN true AS created
