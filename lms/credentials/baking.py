"""The badge image with its credential baked in (Open Badges 3.0 SVG baking): an
`<openbadges:credential>` element right after the opening `<svg>` tag, in the namespace
https://purl.imsglobal.org/ob/v3p0, carrying the VC-JWT in its `verify` attribute."""

from django.template.loader import render_to_string

BAKING_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"


def baked_svg(open_badge):
    credential = open_badge.credential
    return render_to_string(
        "lms/credentials/badge.svg",
        {
            "namespace": BAKING_NAMESPACE,
            "compact_jws": open_badge.compact_jws,
            "title": credential["name"],
            "issuer": credential["issuer"]["name"],
            "issued_on": credential["validFrom"][:10],
            "credits": [
                f"{result['value']} {description['name']}"
                for result, description in zip(
                    credential["credentialSubject"]["result"],
                    credential["credentialSubject"]["achievement"]["resultDescription"],
                    strict=True,
                )
            ],
        },
    )
