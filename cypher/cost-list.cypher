// A project's costs in time order, each with its group's community (null without either).
// $projectId -> id, atMs, amount, currency, groupId, description, communityId
MATCH (c:Cost {projectId: $projectId})
OPTIONAL MATCH (g:Group {projectId: $projectId, id: c.groupId})
RETURN c.id AS id, c.atMs AS atMs, c.amount AS amount, c.currency AS currency,
       c.groupId AS groupId, c.description AS description, g.communityId AS communityId
ORDER BY c.atMs, c.id
