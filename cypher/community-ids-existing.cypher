// Which of $ids are communities of the project. $projectId, $ids -> id
UNWIND $ids AS wanted
MATCH (c:Community {projectId: $projectId, id: wanted})
RETURN c.id AS id
