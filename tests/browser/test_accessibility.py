"""No axe-core violation (WCAG 2.1 A/AA and best practice) on any page a reader
or a curator opens: the public site, the API's docs, the admin's sign-in and
index, and this app's changelists, change and add forms, import and export.

axe-core comes from npm (package.json pins it; ``make test`` runs ``npm ci``)
and is evaluated in the page through the DevTools protocol, so the site's
Content-Security-Policy stays as it is.
"""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from briefs import models
from tests.factories import PASSWORD, make_user
from tests.helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page):
    """axe-core's violations on the page as it stands, one line per rule and node."""
    if not page.evaluate("typeof axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        TAGS,
    )
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) "
        f"{' '.join(node['target'][0] for node in violation['nodes'][:3])}"
        f" [{len(violation['nodes'])}]"
        for violation in result["violations"]
    ]


def assert_none(found):
    assert found == [], "axe-core found:\n" + "\n".join(found)


def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make node-packages` (npm ci)")
    return AXE.read_text()


def check_pages(page, base, paths):
    # axe-core handed to the browser once, for every page it opens (550 kB
    # sent a page was a tenth of the admin pages' check).
    page.context.add_init_script(axe_source())
    found = []
    for path in paths:
        response = page.goto(base + path)
        assert response.status < 400, f"{path} answered {response.status}"
        found += axe_violations(page)
    assert_none(found)


def test_the_check_finds_a_violation_on_every_page_it_opens(live_server, page):
    # Pages after the first get axe-core from the browser context, not the
    # page: it must be there, and find what it finds, on each of them.
    bad = "<!doctype html><html lang=en><title>t</title><main><img src=x.png></main>"
    page.route(
        "**/bad/*",
        lambda route: route.fulfill(status=200, content_type="text/html", body=bad),
    )
    with pytest.raises(AssertionError) as refused:
        check_pages(page, live_server.url, ["/bad/1", "/bad/2"])
    assert f"{live_server.url}/bad/1: image-alt" in str(refused.value)
    assert f"{live_server.url}/bad/2: image-alt" in str(refused.value)


def public_paths(publication):
    meeting = models.Meeting.objects.first()
    sanction = models.Sanction.objects.first()
    release = models.PrisonerRelease.objects.first()
    actor = models.Actor.objects.filter(is_public=True).first()
    author = models.Author.objects.first()
    return [
        "/",
        publication.get_absolute_url(),
        # Its other editions: the Hungarian demonstration edition.
        *(edition.get_absolute_url() for edition in publication.translations.all()),
        "/actors/",
        actor.get_absolute_url(),
        author.get_absolute_url(),
        meeting.get_absolute_url(),
        sanction.get_absolute_url(),
        release.get_absolute_url(),
        "/timeline/",
        "/search/?q=Lukashenko",
        "/search/?q=nothing-matches-this",
        "/data/",
    ]


def test_public_pages_have_no_axe_violation(live_server, page, seeded):
    check_pages(page, live_server.url, public_paths(seeded))


def test_public_pages_in_hungarian_have_no_axe_violation(live_server, page, seeded):
    """Their words, the switch, and the English texts marked as such (lang)."""
    check_pages(page, live_server.url, ["/hu" + path for path in public_paths(seeded)])


def test_a_missing_page_has_no_axe_violation(live_server, page, seeded):
    page.goto(live_server.url + "/no-such-page/")
    assert_none(axe_violations(page))


def test_the_api_docs_have_no_axe_violation(live_server, page, seeded):
    page.goto(live_server.url + "/api/docs")
    page.get_by_text("/api/briefs/{slug}").first.wait_for()
    # Opened, as a reader uses it: an operation's parameters and answers.
    page.get_by_text("/api/briefs/{slug}").first.click()
    page.get_by_role("button", name="Try it out").wait_for()
    assert_none(axe_violations(page))


def test_the_admin_sign_in_page_has_no_axe_violation(live_server, page, seeded):
    page.goto(live_server.url + "/admin/login/")
    assert_none(axe_violations(page))


def admin_paths():
    """Every page of this app's admin a curator works in, for each model."""
    paths = ["/admin/", "/admin/briefs/"]
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "briefs":
            continue
        name = f"admin:briefs_{model._meta.model_name}"
        paths.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission is not None:
            paths.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{name}_change", args=[first.pk]))
        if model is models.Publication and first is not None:
            # "Add a translation" asks first.
            paths.append(
                reverse(
                    "admin:briefs_publication_add_translation", args=[first.pk, "hu"]
                )
            )
        for action in ("import", "export"):
            try:
                paths.append(reverse(f"{name}_{action}"))
            except NoReverseMatch:
                pass
    return paths


def test_the_admin_pages_have_no_axe_violation(live_server, page, seeded):
    user = make_user("edna", "Editor")
    user.is_superuser = True
    user.save()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#site-name")
    check_pages(page, live_server.url, admin_paths())
