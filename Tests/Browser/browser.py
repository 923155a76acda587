"""Headless Chromium for the web app's browser tests (Debian's chromium, chromium-driver and
python3-selenium): the driver, test-id lookups, waiting for the server's answer, failing with one
JSON report and a screenshot, and checking that nothing was fetched from another host."""
import json
import sys

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


class Browser:
    def __init__(self, base, out, size=(1400, 950)):
        self.base, self.out = base, out
        self.result = {"checks": []}
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  f"--window-size={size[0]},{size[1]}", "--lang=en-US", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps"]:
            options.add_argument(a)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        # A list re-rendered while a condition reads it is read again, not a failure.
        self.wait = WebDriverWait(self.driver, 60, ignored_exceptions=[StaleElementReferenceException])

    def check(self, ok, what):
        self.result["checks"].append(what)
        if not ok:
            self.result["failed"] = what
            print(json.dumps(self.result, ensure_ascii=False))
            try:
                self.driver.save_screenshot(f"{self.out}/failure.png")
            finally:
                self.driver.quit()
            sys.exit(1)

    def by_id(self, testid):
        return self.driver.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')

    def version(self):
        return int(self.driver.execute_script("return document.body.dataset.version || '0'"))

    def wait_version(self, after):
        """Waits for the itinerary shown after `after` (each answer from the server bumps it)."""
        self.wait.until(lambda d: self.version() > after and not d.execute_script("return document.body.dataset.busy"))
        return self.version()

    def open_app(self, query, sites):
        self.driver.get(self.base + "/app" + query)
        self.wait.until(lambda d: d.execute_script("return document.body.dataset.sites") == sites)

    def foreign_requests(self):
        """Every request of the page that went to another host than the server under test."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return [u for u in urls if not (u.startswith(self.base) or u.startswith("data:") or u == "about:blank")]

    def finish(self):
        self.driver.quit()
        print(json.dumps(self.result, ensure_ascii=False))
