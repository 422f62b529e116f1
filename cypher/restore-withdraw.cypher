// Withdraws residents once a restore has written the events naming them (events naming a withdrawn
// resident are refused). $projectId, $ids -> withdrawn
MATCH (r:Resident {projectId: $projectId})
WHERE r.id IN $ids
SET r.consent = 'withdrawn'
RETURN count(r) AS withdrawn
