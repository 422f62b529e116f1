// Exact Brandes betweenness into `betweenness`: on an undirected graph GDS halves the ordered-pair
// sum (networkx's unnormalised value); the caller normalises. Sampled betweenness is not taken from
// GDS: its samplingSize picks sources by degree and leaves the sum unscaled (docs/performance.md).
// $graphName -> nodePropertiesWritten
CALL gds.betweenness.mutate($graphName, {mutateProperty: 'betweenness', logProgress: false})
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
