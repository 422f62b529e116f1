// The first and last time of the events replays use (no retractions, nothing retracted), and their count. $projectId -> firstMs, lastMs, count
MATCH (e:Event {projectId: $projectId})
WHERE e.type <> 'retraction' AND e.retractedBy IS NULL
RETURN min(e.atMs) AS firstMs, max(e.atMs) AS lastMs, count(e) AS count
