#!/usr/bin/python3
"""The web app for everyone, in headless Chromium: a trip planned, edited and exported with the
keyboard alone (focus always visible and never under the header or the map), axe-core (WCAG 2.2
A/AA rules, from the pinned PyPI package axe-playwright-python) with no serious or critical
violation on the plan form, the sites list, a planned itinerary and the print view in English
and Chinese, controls of at least 24 × 24 px, named map markers, no English left in the Chinese
page but names, and screenshots at desktop and phone width in both languages. Prints one JSON
object; exits 1 on the first failed check.

Usage: /usr/bin/python3 a11y_test.py BASE_URL OUT_DIR SHIPPED_SITE_COUNT
"""
import importlib.util
import json
import os
import re
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser  # noqa: E402

base, out, shipped_sites = sys.argv[1], sys.argv[2], sys.argv[3]
b = Browser(base, out)
driver, check, by_id = b.driver, b.check, b.by_id
AXE = os.path.join(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
b.result["axe"] = {}


def axe(view):
    """axe-core on the whole page as it is: no violation of serious or critical impact."""
    if not driver.execute_script("return !!window.axe"):
        with open(AXE, encoding="utf-8") as f:
            driver.execute_script(f.read())
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r.violations.map("
        "v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, where: v.nodes.slice(0, 3).map(n => n.target)}))))",
        AXE_TAGS)
    bad = [v for v in found if v["impact"] in ("serious", "critical")]
    b.result["axe"][view] = {"serious_or_critical": len(bad), "all": [(v["id"], v["impact"], v["nodes"]) for v in found]}
    check(not bad, f"axe finds no serious or critical violation on {view}: {json.dumps(bad, ensure_ascii=False)}")


# Focus: visible (an outline), inside the window, and not entirely hidden by anything drawn over
# it (WCAG 2.4.11): some of the element's own points are what the page shows there.
FOCUS_SEEN = """
const e = document.activeElement;
if (!e || e === document.body) return 'nothing focused';
const r = e.getBoundingClientRect(), style = getComputedStyle(e);
if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return 'no visible focus on ' + e.outerHTML.slice(0, 80);
if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return 'focus outside the window: ' + e.outerHTML.slice(0, 80);
// The part of it its scrolling ancestors and the window let through, sampled at nine points.
let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
for (let p = e.parentElement; p; p = p.parentElement) {
  if (getComputedStyle(p).overflow === 'visible') continue;
  const c = p.getBoundingClientRect();
  [left, top, right, bottom] = [Math.max(left, c.left), Math.max(top, c.top), Math.min(right, c.right), Math.min(bottom, c.bottom)];
}
[left, top, right, bottom] = [Math.max(left, 0), Math.max(top, 0), Math.min(right, innerWidth), Math.min(bottom, innerHeight)];
if (right <= left || bottom <= top) return e.outerHTML.slice(0, 80) + ' scrolled out of sight';
const xs = [0.1, 0.5, 0.9].map(f => left + f * (right - left)), ys = [0.1, 0.5, 0.9].map(f => top + f * (bottom - top));
let shown = false, over = null;
for (const x of xs) for (const y of ys) {
  const at = document.elementFromPoint(x, y);
  if (at && (at === e || e.contains(at) || (at.tagName === 'LABEL' && at.contains(e)))) shown = true; else over = over || at;
}
return shown ? '' : e.outerHTML.slice(0, 80) + ' hidden under ' + (over ? over.outerHTML.slice(0, 80) : 'nothing');
"""


def tab_to(selector, limit=400):
    """Presses Tab until the focus is on an element matching `selector`, checking at every stop
    that the focus is visible and not covered."""
    for _ in range(limit):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        problem = driver.execute_script(FOCUS_SEEN)
        if problem not in ("", "nothing focused"):
            check(False, f"focus is visible and uncovered: {problem}")
        if driver.execute_script("return document.activeElement.matches(arguments[0])", selector):
            return driver.switch_to.active_element
    check(False, f"Tab reaches {selector}")


def press(selector, key=Keys.ENTER):
    tab_to(selector).send_keys(key)


def stops(day):
    return [s.get_attribute("data-site") for s in
            by_id("itinerary-day")[day].find_elements(By.CSS_SELECTOR, '[data-testid="itinerary-stop"]')]


def small_targets():
    """Visible controls smaller than 24 × 24 px (WCAG 2.5.8), by their text."""
    return driver.execute_script("""
      return [...document.querySelectorAll('button, a[href], select, summary, input:not([type=checkbox])')]
        .filter(e => e.offsetParent !== null && e.getClientRects().length)
        .filter(e => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
        .map(e => (e.textContent || e.getAttribute('aria-label') || e.id).trim().slice(0, 30));""")


b.open_app("?lang=en", shipped_sites)
b.result["focus"] = "every Tab stop on the way is checked: a visible ring, inside the window, not covered"
axe("the plan form (en)")
check(small_targets() == [], f"every control is at least 24 x 24 px: {small_targets()}")

# Plan with the keyboard alone: Hohhot, Monday 2026-06-01, 2 days by coach (the default).
start = tab_to('[data-testid="plan-start"]')
start.send_keys(Keys.CONTROL, "a")
start.send_keys("Hohhot")
date = tab_to('[data-testid="plan-date"]')
date.send_keys("06012026")  # mm/dd/yyyy in an en-US browser
check(driver.execute_script("return arguments[0].value", date) == "2026-06-01", "the date is typed in")
days = tab_to('[data-testid="plan-days"]')
days.send_keys(Keys.CONTROL, "a")
days.send_keys("2")
v = b.version()
press('[data-testid="plan-submit"]')
v = b.wait_version(v)
check(len(by_id("itinerary-day")) == 2 and len(stops(0)) >= 2, "a keyboard-planned trip of two days")
axe("a planned itinerary (en)")
markers = driver.execute_script(
    "return [...document.querySelectorAll('.stop-icon')].map(e => e.getAttribute('aria-label') || '')")
check(markers and all(m.startswith("Day ") for m in markers), f"the trip's markers are named: {markers[:3]}")
sites = driver.execute_script(
    "return [...document.querySelectorAll('path.site-point, path.site-seat')].map(e => e.getAttribute('aria-label'))")
check(len(sites) == int(shipped_sites) and all(sites), "every site marker has an accessible name")
rings = driver.execute_script("return document.querySelectorAll('path.site-seat').length")
check(rings > 100, f"sites known only to a county or league seat are hollow rings ({rings})")

# Reorder with ↓ (the drag alternative): the first stop of day 1 moves down.
before = stops(0)
press('[data-testid="itinerary-day"] [data-testid="stop-down"]')
v = b.wait_version(v)
check(stops(0)[:2] == [before[1], before[0]], f"↓ moved the first stop down: {before} → {stops(0)}")
check(driver.execute_script("return document.activeElement.dataset.testid") == "stop-down",
      "the focus stays on the ↓ of the moved stop")
# Move to another day: the day-1 stop's "Move to…" list, Arrow Down picks day 2.
choice = tab_to('[data-testid="itinerary-day"] [data-testid="stop-move"]')
moved = driver.execute_script("return arguments[0].closest('[data-site]').dataset.site", choice)
choice.send_keys(Keys.ARROW_DOWN)
v = b.wait_version(v)
check(moved not in stops(0) and moved in stops(1), f"{moved} moved to day 2")

# Add a site from the Sites tab: search, then "Add to day 1".
press('.tabs [data-tab="sites"]')
search = tab_to('[data-testid="site-search"]')
search.send_keys("五塔寺")
b.wait.until(lambda d: d.find_element(By.ID, "site-results").get_attribute("data-query") == "五塔寺"
             and by_id("site-result") and by_id("site-result")[0].get_attribute("data-site") == "im-hhht-five-pagoda-temple")
if "im-hhht-five-pagoda-temple" in stops(0) + stops(1):
    press('[data-testid="itinerary-day"] [data-site="im-hhht-five-pagoda-temple"] [data-testid="stop-remove"]')
    v = b.wait_version(v)
    press('.tabs [data-tab="sites"]')
press('[data-site="im-hhht-five-pagoda-temple"] [data-testid="site-add"]')
v = b.wait_version(v)
check("im-hhht-five-pagoda-temple" in stops(0), "the site added by keyboard is on day 1")
axe("the sites list (en)")

# Export: each link is reached by Tab and answers the edited trip.
for fmt in ["geojson", "gpx", "kml", "ics", "md"]:
    link = tab_to(f'[data-testid="export-{fmt}"]')
    with urllib.request.urlopen(link.get_attribute("href")) as response:
        body = response.read().decode("utf-8")
    check(response.status == 200 and "五塔寺" in body, f"the {fmt} export reached by keyboard holds the added site")
driver.save_screenshot(f"{out}/app-desktop-en.png")


def print_view(lang):
    driver.execute_script("window.print = () => {}")
    press("#print")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    axe(f"the print view ({lang})")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


print_view("en")

# The same page in Chinese (the switch by keyboard): no English left but names.
driver.execute_script("document.activeElement.blur()")
press('[data-testid="lang-switch"]')
b.wait.until(lambda d: d.find_element(By.ID, "plan-submit").get_attribute("textContent") == "生成行程")
NAMES = set()
for layer in ("sites", "towns"):
    with urllib.request.urlopen(f"{base}/collections/{layer}/items?limit=10000") as response:
        for f in json.load(response)["features"]:
            p = f["properties"]
            NAMES.update(re.findall(r"[A-Za-z]+", " ".join(str(p.get(k) or "") for k in ("name_en", "name", "label"))))
ALLOWED = NAMES | {"GeoJSON", "GPX", "KML", "Markdown", "EN", "Leaflet", "GeoNames", "CC", "BY", "frykit", "data",
                   "GSHHG", "WDBII", "km", "Config"}  # Config/: the folder the group panel cites for prices
VISIBLE_WORDS = """
const words = [];
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walk.nextNode()) {
  const node = walk.currentNode, e = node.parentElement;
  if (!e || e.closest('[lang="en"], script, style, .print-only, [hidden]') || !e.getClientRects().length) continue;
  if (getComputedStyle(e).visibility === 'hidden') continue;
  words.push(...(node.textContent.match(/[A-Za-z]{2,}/g) || []));
}
return words;
"""


def english_left(view):
    left = sorted({w for w in driver.execute_script(VISIBLE_WORDS) if w not in ALLOWED})
    check(left == [], f"no English in the Chinese {view}: {left}")


english_left("itinerary and sites list")
axe("the sites list (zh)")
axe("a planned itinerary (zh)")
driver.save_screenshot(f"{out}/app-desktop-zh.png")
press('.tabs [data-tab="plan"]')
english_left("plan form")
axe("the plan form (zh)")
print_view("zh")

# Phone width, both languages.
driver.set_window_size(390, 844)
driver.execute_script("window.scrollTo(0, 0)")
b.wait.until(lambda d: d.execute_script("return innerWidth") <= 400)
legend_clear = driver.execute_script("""
  const l = document.querySelector('.legend').getBoundingClientRect(), a = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();
  return l.bottom <= a.top || l.top >= a.bottom || l.right <= a.left || l.left >= a.right;""")
check(legend_clear, "on a phone the legend does not cover the attribution")
driver.save_screenshot(f"{out}/app-phone-zh.png")
press('[data-testid="lang-switch"]')
b.wait.until(lambda d: d.find_element(By.ID, "plan-submit").get_attribute("textContent") == "Plan the trip")
driver.execute_script("window.scrollTo(0, 0)")
driver.save_screenshot(f"{out}/app-phone-en.png")
check(small_targets() == [], f"every control is at least 24 x 24 px on a phone: {small_targets()}")

foreign = b.foreign_requests()
check(not foreign, f"no request to another host: {foreign[:5]}")
b.finish()
