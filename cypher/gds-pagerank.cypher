// PageRank (α = 0.85, to a 1e-12 tolerance) into `pagerank`, on one thread (each iteration's
// hand-over between threads costs more than the iteration itself on a busy machine). GDS iterates PR = (1−α) + α·Σ PR/deg
// (isolates keep 1−α), networkx the same divided by n with dangling mass spread evenly: the two
// differ by one factor, so GDS's scores divided by their sum are networkx.pagerank's.
// $graphName -> didConverge, ranIterations
CALL gds.pageRank.mutate($graphName, {
  mutateProperty: 'pagerank', dampingFactor: 0.85, maxIterations: 1000, tolerance: 1e-12,
  concurrency: 1, logProgress: false
})
YIELD didConverge, ranIterations
RETURN didConverge, ranIterations
