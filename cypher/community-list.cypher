// A project's communities. $projectId -> id, name
MATCH (c:Community {projectId: $projectId}) RETURN c.id AS id, c.name AS name ORDER BY c.id
