#!/usr/bin/python3
"""Drives the planner's web app (/app) in headless Chromium as a teacher would, through the
data-testid hooks: search, plan 2 days by coach from Hohhot on a Monday, remove and reorder stops,
add a museum closed on Mondays and read the violation, download every export, switch language,
and take screenshots. Prints one JSON object; exits 1 on the first failed check.

Usage: /usr/bin/python3 app_test.py BASE_URL OUT_DIR SHIPPED_SITE_COUNT   (Debian's python3-selenium, chromium-driver)
"""
import json
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

base, out, shipped_sites = sys.argv[1], sys.argv[2], sys.argv[3]
result = {"checks": []}


def check(ok, what):
    result["checks"].append(what)
    if not ok:
        result["failed"] = what
        print(json.dumps(result, ensure_ascii=False))
        try:
            driver.save_screenshot(f"{out}/failure.png")
        finally:
            driver.quit()
        sys.exit(1)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,950", "--lang=en-US",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps"]:
    options.add_argument(a)
options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
# A list re-rendered while a condition reads it is read again, not a failure.
wait = WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException])
by_id = lambda testid: driver.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')
version = lambda: int(driver.execute_script("return document.body.dataset.version || '0'"))


def wait_version(after):
    wait.until(lambda d: version() > after and not d.execute_script("return document.body.dataset.busy"))
    return version()


def stops(day=None):
    days = by_id("itinerary-day")
    scope = days[day] if day is not None else driver
    return [(s.get_attribute("data-site"), s.find_element(By.CSS_SELECTOR, ".time").text) for s in scope.find_elements(By.CSS_SELECTOR, '[data-testid="itinerary-stop"]')]


driver.get(base + "/app?lang=en")
wait.until(lambda d: d.execute_script("return document.body.dataset.sites") == shipped_sites)
check(len(by_id("map")) == 1 and driver.find_elements(By.CSS_SELECTOR, ".leaflet-interactive"), "the map shows the sites")
# The offline base map (GET /basemap) is drawn under the sites: each layer, the leagues named.
drawn = {layer: len(driver.find_elements(By.CSS_SELECTOR, f"path.base-{layer}")) for layer in
         ["province", "league", "border", "river", "lake"]}
check(all(drawn.values()) and drawn["league"] == 12, f"the base map's layers are drawn: {drawn}")
leagues = [e.get_attribute("textContent") for e in driver.find_elements(By.CSS_SELECTOR, ".league-label")]
check(len(leagues) == 12 and "Chifeng" in leagues, f"the 12 leagues are named: {leagues}")
result["base_map"] = drawn
driver.save_screenshot(f"{out}/app-map.png")

# Search in Chinese.
driver.find_element(By.CSS_SELECTOR, '[data-testid="tab-sites"], .tabs [data-tab="sites"]').click()
box = by_id("site-search")[0]
box.send_keys("博物")
wait.until(lambda d: d.find_element(By.ID, "site-results").get_attribute("data-query") == "博物"
           and len(by_id("site-result")) >= 3 and all("博物" in r.text for r in by_id("site-result")[:3]))
check(True, f"searching 博物 finds {len(by_id('site-result'))} sites")
# The State Council's name of a relic joined to an existing site finds that site; its card shows it.
box.clear()
box.send_keys("王昭君墓")
wait.until(lambda d: d.find_element(By.ID, "site-results").get_attribute("data-query") == "王昭君墓"
           and by_id("site-result") and by_id("site-result")[0].get_attribute("data-site") == "im-hhht-zhaojun-tomb")
by_id("site-result")[0].find_element(By.CSS_SELECTOR, ".what").click()
official = by_id("official-name")
check(official and official[0].text.startswith("王昭君墓 — national key relic · batch 6 · no. Ⅱ－17"),
      f"the card shows the official name: {[e.text for e in official]}")

# Plan two days by coach from Hohhot, starting on Monday 2026-06-01.
driver.find_element(By.CSS_SELECTOR, '.tabs [data-tab="plan"]').click()
start = by_id("plan-start")[0]
start.clear()
start.send_keys("Hohhot")
driver.execute_script("arguments[0].value = arguments[1]", by_id("plan-date")[0], "2026-06-01")
days = by_id("plan-days")[0]
days.clear()
days.send_keys("2")
Select(by_id("plan-profile")[0]).select_by_value("coach")
v = version()
by_id("plan-submit")[0].click()
v = wait_version(v)
check(len(by_id("itinerary-day")) == 2, "the plan has two day columns")
planned = stops(0)
check(len(planned) >= 2 and all(len(t) == 11 and t[2] == ":" for _, t in planned), f"day 1 lists its visits with HH:MM times: {planned}")
check(not by_id("violation"), "a fresh plan breaks no rule")
driver.save_screenshot(f"{out}/app-planned.png")

# Remove the first stop of day 1: it is gone and the times change.
first = planned[0][0]
by_id("itinerary-day")[0].find_element(By.CSS_SELECTOR, '[data-testid="stop-remove"]').click()
v = wait_version(v)
after_remove = stops(0)
check(first not in [s for s, _ in after_remove] and len(after_remove) == len(planned) - 1, "the removed stop is gone")
check([t for _, t in after_remove] != [t for _, t in planned[1:]], f"the times changed after removing: {planned} → {after_remove}")

# Move the (new) first stop of day 1 down: the order and the times change.
by_id("itinerary-day")[0].find_element(By.CSS_SELECTOR, '[data-testid="stop-down"]').click()
v = wait_version(v)
after_move = stops(0)
check([s for s, _ in after_move] != [s for s, _ in after_remove], f"moving down changed the order: {after_remove} → {after_move}")
check([t for _, t in after_move] != [t for _, t in after_remove], "the times changed after moving")

# Add the Inner Mongolia Museum (closed on Mondays) to day 1: a violation says so.
by_id("itinerary-day")[0].click()
driver.find_element(By.CSS_SELECTOR, '.tabs [data-tab="sites"]').click()
box = by_id("site-search")[0]
box.clear()
box.send_keys("内蒙古博物院")
# The list answers the whole query (it re-renders after each keystroke) before a result is clicked.
wait.until(lambda d: d.find_element(By.ID, "site-results").get_attribute("data-query") == "内蒙古博物院"
           and by_id("site-result") and by_id("site-result")[0].get_attribute("data-site") == "im-hhht-inner-mongolia-museum")
by_id("site-result")[0].find_element(By.CSS_SELECTOR, '[data-testid="site-add"]').click()
v = wait_version(v)
check("im-hhht-inner-mongolia-museum" in [s for s, _ in stops(0)], "the museum is on day 1")
violations = [e.text for e in by_id("violation")]
check(any("closed on Monday 2026-06-01" in t for t in violations), f"a violation says the museum is closed on Monday: {violations}")
result["violations"] = violations
driver.save_screenshot(f"{out}/app-desktop.png")

# Every export of the edited itinerary, downloaded from its link.
result["exports"] = {}
for fmt in ["geojson", "gpx", "kml", "ics", "md"]:
    href = by_id(f"export-{fmt}")[0].get_attribute("href")
    check(href.startswith(base + "/itinerary/evaluate?"), f"the {fmt} link is on this server")
    path = f"{out}/trip.{fmt}"
    with urllib.request.urlopen(href) as response, open(path, "wb") as f:
        f.write(response.read())
    result["exports"][fmt] = path

# The language switch.
by_id("lang-switch")[0].click()
wait.until(lambda d: d.find_element(By.ID, "plan-submit").get_attribute("textContent") == "生成行程")
check("第 1 天" in by_id("itinerary-day")[0].text, "in Chinese the days read 第 1 天")
driver.save_screenshot(f"{out}/app-desktop-zh.png")
by_id("lang-switch")[0].click()
wait.until(lambda d: d.find_element(By.ID, "plan-submit").get_attribute("textContent") == "Plan the trip")

# The link reopens the same trip.
link = driver.current_url
check("#trip=" in link, "the address holds the trip")
driver.get("about:blank")
driver.get(link)
wait.until(lambda d: len(by_id("itinerary-stop")) > 0 and not d.execute_script("return document.body.dataset.busy"))
check("im-hhht-inner-mongolia-museum" in [s for s, _ in stops(0)], "the link reopened the edited trip")

# Group & costs: 90 pupils of grade 7 with their staff and a budget per pupil. The plan counts
# the coaches and prices the trip; removing a stop with a priced ticket changes the cost per
# pupil; the parents' notice prints from the print menu.
import csv, os
prices = csv.DictReader(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../GeoData/ticket-prices.csv"), encoding="utf-8"))
paid = {r["site_id"] for r in prices if r["adult_cny"] and float(r["adult_cny"]) > 0}
driver.find_element(By.CSS_SELECTOR, '.tabs [data-tab="plan"]').click()
driver.execute_script("arguments[0].value = arguments[1]", by_id("plan-date")[0], "2026-06-02")
for testid, value in [("plan-students", "90"), ("plan-grade", "7"), ("plan-teachers", "6"), ("plan-safety", "1"),
                      ("plan-guides", "2"), ("plan-seats", "45"), ("plan-budget", "900")]:
    field = by_id(testid)[0]
    field.clear()
    field.send_keys(value)
v = version()
by_id("plan-submit")[0].click()
v = wait_version(v)
summary = by_id("group-summary")[0].text
check("99 people" in summary and "3 coaches of 45 seats" in summary, f"the group is 99 people in 3 coaches: {summary}")
per_pupil = float(by_id("cost-per-student")[0].get_attribute("data-value"))
check(0 < per_pupil <= 900, f"the plan costs {per_pupil} CNY per pupil, within the budget of 900")
check(len(by_id("day-cost")) == 2, "each day shows its costs")
visited = [s for s, _ in stops()]
priced = [s for s in visited if s in paid]
check(priced, f"the plan visits a site with a priced ticket: {visited}")
stop = driver.find_element(By.CSS_SELECTOR, f'[data-testid="itinerary-stop"][data-site="{priced[0]}"]')
stop.find_element(By.CSS_SELECTOR, '[data-testid="stop-remove"]').click()
v = wait_version(v)
after = float(by_id("cost-per-student")[0].get_attribute("data-value"))
check(priced[0] not in [s for s, _ in stops()] and after < per_pupil,
      f"removing {priced[0]} lowers the cost per pupil: {per_pupil} → {after}")
result["cost_per_pupil"] = [per_pupil, after]
driver.save_screenshot(f"{out}/app-group-costs.png")
driver.execute_script("window.print = () => { document.body.dataset.printed = String(Number(document.body.dataset.printed || 0) + 1); }")
by_id("print-notice")[0].click()
wait.until(lambda d: by_id("paper-notice") and d.execute_script("return document.body.dataset.printed") == "1")
notice = driver.execute_script("return document.querySelector('[data-testid=\"paper-notice\"]').textContent")
check("Study trip: notice to parents" in notice and f"{after:,.2f}" in notice and "Day 2" in notice,
      f"the notice prints with the cost per pupil {after:,.2f}: {notice[:300]}")
by_id("print-filing")[0].click()
wait.until(lambda d: by_id("paper-filing") and d.execute_script("return document.body.dataset.printed") == "2")
filing = driver.execute_script("return document.querySelector('[data-testid=\"paper-filing\"]').textContent")
check("Study trip filing sheet" in filing and "driving-time check" in filing, f"the filing sheet prints: {filing[:200]}")

# Phone width: the same page, stacked.
driver.set_window_size(390, 844)
time.sleep(0.5)
driver.save_screenshot(f"{out}/app-phone.png")
width = driver.execute_script("return document.documentElement.scrollWidth")
check(width <= 400, f"nothing overflows a phone's width ({width} px)")

# No request to any other host, no console error.
requests = []
for entry in driver.get_log("performance"):
    message = json.loads(entry["message"])["message"]
    if message["method"] == "Network.requestWillBeSent":
        requests.append(message["params"]["request"]["url"])
foreign = [u for u in requests if not (u.startswith(base) or u.startswith("data:") or u == "about:blank")]
check(not foreign, f"no request to another host: {foreign[:5]}")
errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
check(not errors, f"no console error: {errors[:5]}")
result["requests"] = len(requests)
driver.quit()
print(json.dumps(result, ensure_ascii=False))
