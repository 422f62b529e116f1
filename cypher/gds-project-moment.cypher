// The network at a moment projected into GDS as an undirected graph (Cypher aggregation): the
// residents in $present (those in the network at $atMs, chosen by metrics/moment.ts: the time rule,
// the community, consent) and one relationship per pair whose TIE segment holds then between two of
// them. Rows go in id order, so the same data gives the same graph ids (and the same Louvain
// partition). Dropped by gds-drop.
// $graphName, $projectId, $atMs, $present -> nodeCount, relationshipCount
UNWIND $present AS id
MATCH (a:Resident {projectId: $projectId, id: id})
OPTIONAL MATCH (a)-[r:TIE]->(b:Resident)
WHERE r.projectId = $projectId AND r.since <= $atMs AND (r.until IS NULL OR r.until > $atMs)
  AND b.id IN $present
WITH DISTINCT a, b
ORDER BY a.id, b.id
WITH gds.graph.project($graphName, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS graph
RETURN graph.nodeCount AS nodeCount, graph.relationshipCount AS relationshipCount
