// Connected components (an isolate is one) into `component`.
// $graphName -> componentCount, largest
CALL gds.wcc.mutate($graphName, {mutateProperty: 'component', logProgress: false})
YIELD componentCount, componentDistribution
RETURN componentCount, componentDistribution.max AS largest
