// Every computed property of every resident in the projection, one row per resident.
// $graphName, $properties -> id, names, values (names[i] is the property of values[i])
CALL gds.graph.nodeProperties.stream($graphName, $properties)
YIELD nodeId, nodeProperty, propertyValue
WITH nodeId, collect(nodeProperty) AS names, collect(propertyValue) AS values
RETURN gds.util.asNode(nodeId).id AS id, names, values
