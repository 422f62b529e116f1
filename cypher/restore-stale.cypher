// A hidden project whose restore stopped moving before $staleBeforeMs (its server stopped midway).
// $id, $staleBeforeMs -> id
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs < $staleBeforeMs
RETURN p.id AS id
