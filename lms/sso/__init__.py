"""Single sign-on through the society's OpenID Connect provider (mozilla-django-oidc as the relying party).

The provider says who signs in (its `sub`) and which member that is (the member-id claim); the
first sign-in links the account to that member (`SsoLink`), later ones must agree with the link.
The provider is authoritative for the e-mail of the accounts it signs in, which therefore have no
usable password. Settings: `LMS["OIDC"]` (config.py, docs/sso.md).
"""
