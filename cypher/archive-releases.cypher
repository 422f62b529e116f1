// A project's releases with every stored property (body and cells as published), for its archive.
// $projectId -> release
MATCH (r:Release {projectId: $projectId})
RETURN r {.*} AS release
ORDER BY r.publishedAtMs, r.id
