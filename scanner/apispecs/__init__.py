"""API descriptions (OpenAPI, Swagger, AsyncAPI): discovery, validation, lint and API evidence."""
