// Moves a project's lastChangeMs on to $ms when later: an upper bound of the instants at which its
// network changes (event times, stated joinedAt), so after it the network is the same at every
// moment and a read of "now" can share an answer. Projects made before it existed have none (null)
// until `npm run rebuild-projection` sets it; null is never advanced (it would be too small).
// $projectId, $ms -> (nothing)
MATCH (p:Project {id: $projectId})
WHERE p.lastChangeMs IS NOT NULL AND p.lastChangeMs < $ms
SET p.lastChangeMs = $ms
