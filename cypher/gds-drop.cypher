// Drops a projection (no error when it is already gone).
// $graphName -> graphName
CALL gds.graph.drop($graphName, false)
YIELD graphName
RETURN graphName
