"""Open Badges 3.0: a verifiable credential beside every certificate (docs/credentials.md).

keys.py     the society's Ed25519 signing keys (create, rotate, sign)
did.py      the issuer's did:web identifier, DID document and JWKS
openbadge.py  what a certificate's OpenBadgeCredential says
vc_jwt.py   securing a credential as a VC-JWT
status.py   the one status decision and the Bitstring Status Lists
issuance.py the rules: issue with the certificate, the learner's DID
baking.py   the SVG badge with the credential baked in
views.py    what verifiers fetch and learners download
"""
