// Triangles through each resident into `triangles` (transitivity).
// $graphName -> globalTriangleCount
CALL gds.triangleCount.mutate($graphName, {mutateProperty: 'triangles', logProgress: false})
YIELD globalTriangleCount
RETURN globalTriangleCount
