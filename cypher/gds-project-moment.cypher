// The network at a moment projected into GDS as an undirected graph (Cypher aggregation): every
// resident present at $atMs (joined by then: joinedAt, else first event, else creation; of
// $communityId when set; none of $hidden) and one relationship per pair whose TIE segment holds
// then between two of them. Rows go in id order, so the same data gives the same graph ids (and
// the same Louvain partition). Dropped by gds-drop.
// $graphName, $projectId, $atMs, $communityId (or null), $hidden -> nodeCount, relationshipCount
MATCH (a:Resident {projectId: $projectId})
WHERE NOT a.id IN $hidden AND ($communityId IS NULL OR a.communityId = $communityId)
  AND coalesce(a.joinedAtMs, a.firstEventAtMs, a.createdAtMs) <= $atMs
OPTIONAL MATCH (a)-[r:TIE]->(b:Resident)
WHERE r.projectId = $projectId AND r.since <= $atMs AND (r.until IS NULL OR r.until > $atMs)
  AND NOT b.id IN $hidden AND ($communityId IS NULL OR b.communityId = $communityId)
  AND coalesce(b.joinedAtMs, b.firstEventAtMs, b.createdAtMs) <= $atMs
WITH DISTINCT a, b
ORDER BY a.id, b.id
WITH gds.graph.project($graphName, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS graph
RETURN graph.nodeCount AS nodeCount, graph.relationshipCount AS relationshipCount
