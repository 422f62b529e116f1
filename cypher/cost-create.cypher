// Records programme costs (checked first: ids free, groups known, one currency).
// $projectId, $costs [{id, at, atMs, amount, currency, groupId, description}] -> created
UNWIND $costs AS c
CREATE (n:Cost {projectId: $projectId, id: c.id, at: datetime(c.at), atMs: c.atMs,
                amount: c.amount, currency: c.currency, groupId: c.groupId,
                description: c.description})
RETURN count(n) AS created
