// Readiness probe. -> ok
RETURN 1 AS ok
