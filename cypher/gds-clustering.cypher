// Local clustering (networkx.clustering) into `clustering`.
// $graphName -> averageClusteringCoefficient
CALL gds.localClusteringCoefficient.mutate($graphName, {mutateProperty: 'clustering', logProgress: false})
YIELD averageClusteringCoefficient
RETURN averageClusteringCoefficient
