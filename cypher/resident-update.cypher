// Applies a patch to one resident; absent keys stay as they are ($set carries changedIn, the write's
// version). A withdrawn resident is matched only when $seesWithdrawn (an admin): to anyone else it
// is not there.
// $projectId, $id, $set (map), $seesWithdrawn -> id
MATCH (r:Resident {projectId: $projectId, id: $id})
WHERE $seesWithdrawn OR r.consent IS NULL OR r.consent <> 'withdrawn'
SET r += $set
RETURN r.id AS id
