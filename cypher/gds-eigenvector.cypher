// Eigenvector centrality (unit L2 norm, to a 1e-12 tolerance) into `eigenvector`, on one thread as
// PageRank. GDS iterates A·x where networkx iterates (A + I)·x: where the component with the
// largest eigenvalue is bipartite (a star, a path) GDS's oscillates and never converges; the answer
// then has null, as for any network where it does not converge within 1,000 iterations.
// $graphName -> didConverge, ranIterations
CALL gds.eigenvector.mutate($graphName, {
  mutateProperty: 'eigenvector', maxIterations: 1000, tolerance: 1e-12,
  concurrency: 1, logProgress: false
})
YIELD didConverge, ranIterations
RETURN didConverge, ranIterations
