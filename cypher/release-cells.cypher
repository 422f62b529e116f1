// What each release of a project published of its resident cells (for differencing), oldest
// first. $projectId -> id, cells
MATCH (r:Release {projectId: $projectId})
RETURN r.id AS id, r.cells AS cells
ORDER BY r.publishedAtMs, r.id
