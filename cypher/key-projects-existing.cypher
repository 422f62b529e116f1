// Which of the projects a new key names exist. $ids -> id
UNWIND $ids AS id
MATCH (p:Project {id: id})
WHERE p.restoringAtMs IS NULL
RETURN p.id AS id
