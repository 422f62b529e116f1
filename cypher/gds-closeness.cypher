// Closeness with the Wasserman–Faust correction into `closeness` (networkx.closeness_centrality).
// $graphName -> nodePropertiesWritten
CALL gds.closeness.mutate($graphName, {
  mutateProperty: 'closeness', logProgress: false, useWassermanFaust: true
})
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
