// Changes a project's name and/or time zone (a null in $set leaves the property as it is).
// $id, $set {name?, timeZone?} -> id
MATCH (p:Project {id: $id})
SET p.name = coalesce($set.name, p.name), p.timeZone = coalesce($set.timeZone, p.timeZone, 'UTC')
RETURN p.id AS id
