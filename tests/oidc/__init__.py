"""A real OpenID Connect provider (panva/oidc-provider) for the web chat sign-in tests, and its driver."""
