// A project's releases without their bodies, oldest first. $projectId -> id, name, interval,
// baselineMs, followupMs, publishedAtMs
MATCH (r:Release {projectId: $projectId})
RETURN r.id AS id, r.name AS name, r.interval AS interval, r.baselineMs AS baselineMs,
       r.followupMs AS followupMs, r.publishedAtMs AS publishedAtMs
ORDER BY r.publishedAtMs, r.id
