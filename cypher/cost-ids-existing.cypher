// Which of these cost ids the project already holds. $projectId, $ids -> id
MATCH (c:Cost {projectId: $projectId})
WHERE c.id IN $ids
RETURN c.id AS id
