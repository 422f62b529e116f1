// The communities written after a version and up to another (the live stream's change between them).
// $projectId, $after, $upTo -> id, name
MATCH (c:Community {projectId: $projectId})
WHERE c.changedIn > $after AND c.changedIn <= $upTo
RETURN c.id AS id, c.name AS name
ORDER BY c.id
