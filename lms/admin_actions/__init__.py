"""Admin actions on learner records (revoke a certificate, grant an extra attempt, record a
completion by hand), and the Wagtail admin wiring of the PARS export and the member import."""
