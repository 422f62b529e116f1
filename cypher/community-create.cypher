// Creates communities that do not exist yet, marked with the version of the write (the live stream
// sends what changed after a version). $projectId, $version, $communities [{id, name}] -> id (created ones)
UNWIND $communities AS c
OPTIONAL MATCH (existing:Community {projectId: $projectId, id: c.id})
WITH c, existing WHERE existing IS NULL
CREATE (n:Community {projectId: $projectId, id: c.id, name: c.name, changedIn: $version})
RETURN n.id AS id
