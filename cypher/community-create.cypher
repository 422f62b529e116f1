// Creates communities that do not exist yet. $projectId, $communities [{id, name}] -> id (created ones)
UNWIND $communities AS c
OPTIONAL MATCH (existing:Community {projectId: $projectId, id: c.id})
WITH c, existing WHERE existing IS NULL
CREATE (n:Community {projectId: $projectId, id: c.id, name: c.name})
RETURN n.id AS id
