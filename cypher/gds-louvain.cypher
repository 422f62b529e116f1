// Louvain communities into `community`, numbered from 0, on one thread: with the projection's
// fixed order the same data gives the same partition.
// $graphName -> modularity, communityCount
CALL gds.louvain.mutate($graphName, {
  mutateProperty: 'community', logProgress: false, concurrency: 1, consecutiveIds: true
})
YIELD modularity, communityCount
RETURN modularity, communityCount
