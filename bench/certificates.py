"""Certificate PDFs: how long one takes to render, and issuing many in the background.

python -m bench.certificates issue --count 1000 [--per-second 2]   (bench.run's background load)
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
    return {
        "count": len(times),
        "min_ms": min(times) * 1000,
        "median_ms": statistics.median(times) * 1000,
        "max_ms": max(times) * 1000,
    }


def pending(count, exclude_member):
    """Up to `count` completions with no certificate yet, as a worker's queue would hold them."""
    from lms.models import Completion

    return list(
        Completion.objects.filter(certificates__isnull=True)
        .exclude(member__member_id=exclude_member)
        .select_related("member", "course")
        .order_by("pk")[:count]
    )


def issue(completions, per_second=None):
    """Issue each completion's certificate, one transaction each, as the claim service does
    (snapshot, PDF, file, webhook event), at most `per_second` a second if given; returns how
    many were issued."""
    from lms.services.certificates import issue_certificate

    started = time.monotonic()
    for n, completion in enumerate(completions):
        if per_second:
            # A paced batch leaves the cores to the site between certificates.
            time.sleep(max(0.0, started + n / per_second - time.monotonic()))
        issue_certificate(completion)
    return len(completions)


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["issue"])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--exclude-member", default="")
    parser.add_argument("--per-second", type=float, help="pace: at most this many certificates a second")
    args = parser.parse_args()
    django.setup()
    from lms.documents.certificate import render_certificate_pdf
    from lms.models import Certificate

    # A background worker is up, with its queue, long before it works through a batch: Django,
    # WeasyPrint, the fonts and the list of completions come first (finding completions without
    # a certificate scans a million rows), and the benchmark measures from "ready" on.
    completions = pending(args.count, args.exclude_member)
    render_certificate_pdf(Certificate.objects.first().snapshot, "https://example.org/verify/")
    print("ready", flush=True)
    started = time.perf_counter()
    issued = issue(completions, args.per_second)
    print(f"issued {issued} certificates in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
