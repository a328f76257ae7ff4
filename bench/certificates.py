"""Certificate PDFs: how long one takes to render, and issuing many in the background.

    python -m bench.certificates issue --count 1000   (run by bench.run as the background load)
"""

import argparse
import statistics
import time


def render_times(count=20):
    """Seconds per certificate PDF (template, QR code, WeasyPrint), rendered from stored snapshots."""
    from lms.documents.certificate import render_certificate_pdf
    from lms.models import Certificate
    from lms.services.certificates import verification_url

    certificates = list(Certificate.objects.order_by("-pk")[:count])
    render_certificate_pdf(certificates[0].snapshot, verification_url(certificates[0].code))  # fonts, templates
    times = []
    for certificate in certificates:
        started = time.perf_counter()
        render_certificate_pdf(certificate.snapshot, verification_url(certificate.code))
        times.append(time.perf_counter() - started)
    return {"count": len(times), "min_ms": min(times) * 1000, "median_ms": statistics.median(times) * 1000,
            "max_ms": max(times) * 1000}


def issue(count, exclude_member):
    """Issue certificates for completions that have none yet, one transaction each, as the claim
    service does (snapshot, PDF, file, webhook event); returns how many were issued."""
    from lms.models import Completion
    from lms.services.certificates import issue_certificate

    pending = (
        Completion.objects.filter(certificate__isnull=True)
        .exclude(member__member_id=exclude_member)
        .select_related("member", "course")
        .order_by("pk")[:count]
    )
    issued = 0
    for completion in pending:
        issue_certificate(completion)
        issued += 1
    return issued


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["issue"])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--exclude-member", default="")
    args = parser.parse_args()
    django.setup()
    started = time.perf_counter()
    issued = issue(args.count, args.exclude_member)
    print(f"issued {issued} certificates in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
