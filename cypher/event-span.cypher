// The first and last event time of a project, and how many events it holds. $projectId -> firstMs, lastMs, count
MATCH (e:Event {projectId: $projectId})
RETURN min(e.atMs) AS firstMs, max(e.atMs) AS lastMs, count(e) AS count
