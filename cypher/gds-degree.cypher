// Each resident's number of ties, into the projection's `degree`.
// $graphName -> nodePropertiesWritten
CALL gds.degree.mutate($graphName, {mutateProperty: 'degree', logProgress: false})
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
