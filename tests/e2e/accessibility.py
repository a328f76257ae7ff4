from axe_playwright_python.sync_playwright import Axe

BLOCKING = {"serious", "critical"}
_axe = Axe()


def serious_violations(page, within=None):
    """axe-core's serious and critical WCAG 2.1 A/AA findings on the page (or only in the element the
    CSS selector `within` names), as readable strings."""
    page.wait_for_load_state("load")  # a click that submits a form returns before the next page loads
    # axe reads colours as painted: a message still fading in would measure as low contrast.
    page.wait_for_function(
        "() => document.getAnimations().every("
        "a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"
    )
    results = _axe.run(
        page,
        context=within,
        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]
