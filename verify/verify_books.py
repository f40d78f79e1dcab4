#!/usr/bin/env python3
"""Checks a CrowdSite's books without trusting its arithmetic. Python 3.8+, standard library only.

    python3 verify/verify_books.py http://localhost:5180

It downloads every daily seal (GET /api/v1/books/seals) and each sealed day's canonical lines
(GET /api/v1/books/export?day=...), then checks, on this machine:
  1. each day's lines hash to its day hash, and each seal = SHA-256(previous seal || day hash), from 64 zeros;
     the days follow each other with no gap (a changed, removed or inserted entry breaks the chain);
  2. every transaction's entries sum to zero, and every entry's balanceAfter is its account's running total;
  3. each day's net movement per account and its counts equal what the seal published;
  4. every charge names a commit (40 hex digits) of its own project's repository;
  5. each project's published balance (GET /api/v1/projects) equals its balance at the last seal plus the
     ledger entries since (GET /api/v1/projects/{slug}/ledger?from=...).
It prints what it checked and exits 1 on any mismatch (2 when the site cannot be read).
The lines' format is described in docs/books.md.
"""
import datetime
import hashlib
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

ZERO_SEAL = "0" * 64
SHA = re.compile(r"^[0-9a-f]{40}$")


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "crowdsite-verify-books"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def fetch_json(url):
    return json.loads(fetch(url))


class Report:
    def __init__(self):
        self.problems = []

    def fail(self, message):
        self.problems.append(message)
        if len(self.problems) <= 20:
            print("  MISMATCH: " + message)


def check_day(seal, lines, state, projects, report):
    """Checks one sealed day's lines against its seal; carries running balances in state."""
    day = seal["day"]
    day_hash = hashlib.sha256(lines).hexdigest()
    if day_hash != seal["dayHash"]:
        report.fail(f"{day}: the lines hash to {day_hash}, the seal says {seal['dayHash']}")
    if seal["previous"] != state["previous"]:
        report.fail(f"{day}: chained to {seal['previous']}, but the seal before is {state['previous']}")
    expected = hashlib.sha256(bytes.fromhex(state["previous"]) + bytes.fromhex(day_hash)).hexdigest()
    if expected != seal["seal"]:
        report.fail(f"{day}: the seal should be {expected}, it is {seal['seal']}")
    state["previous"] = seal["seal"]

    if lines and not lines.endswith(b"\n"):
        report.fail(f"{day}: the last line does not end with a line feed")
    sums, transactions, entries = {}, 0, 0
    for raw in lines.split(b"\n")[:-1] if lines else []:
        t = json.loads(raw)
        transactions += 1
        if not t["at"].startswith(day):
            report.fail(f"{day}: transaction {t['id']} is dated {t['at']}")
        if sum(e["amount"] for e in t["entries"]) != 0:
            report.fail(f"{day}: transaction {t['id']} does not sum to zero")
        for e in t["entries"]:
            entries += 1
            account = e["account"]
            sums[account] = sums.get(account, 0) + e["amount"]
            state["balances"][account] = state["balances"].get(account, 0) + e["amount"]
            if e["balanceAfter"] != state["balances"][account]:
                report.fail(f"{day}: entry {e['id']} says {account} stands at {e['balanceAfter']}, its entries add up to {state['balances'][account]}")
        if t["kind"] == "charge":
            state["charges"] += 1
            project = projects.get(t["project"])
            commit = t["commit"]
            if commit is None or not SHA.match(commit["sha"] or ""):
                report.fail(f"{day}: charge {t['id']} names no commit")
            elif project is None or commit["repository"].lower() != project["repository"].lower():
                report.fail(f"{day}: charge {t['id']} names {commit['repository']}@{commit['sha'][:7]}, not a commit of its project's repository")
    published = {k: v for k, v in seal["accountSums"].items()}
    if sums != published:
        report.fail(f"{day}: the lines move the accounts by {sums}, the seal says {published}")
    if transactions != seal["transactions"] or entries != seal["entries"]:
        report.fail(f"{day}: {transactions} transactions and {entries} entries, the seal says {seal['transactions']} and {seal['entries']}")


def entries_since(base, slug, day_after):
    """The project's ledger entries from a day on, following the API's pages."""
    url = f"{base}/api/v1/projects/{urllib.parse.quote(slug)}/ledger?from={day_after}&limit=5000"
    items = []
    while url:
        page = fetch_json(url)
        items.extend(page["items"])
        url = page.get("next")
    return items


def check_balances(base, book, state, report):
    """Each project's published balance = its balance at the last seal + its entries since."""
    sealed_through = book.get("sealedThrough")
    day_after = (datetime.date.fromisoformat(sealed_through) + datetime.timedelta(days=1)).isoformat() if sealed_through else "2000-01-01"
    for project in book["projects"]:
        account = f"project:{project['id']}"
        for attempt in (1, 2):  # a gift or charge landing between two reads: read both again once
            since = entries_since(base, project["slug"], day_after)
            published = fetch_json(f"{base}/api/v1/projects/{urllib.parse.quote(project['slug'])}")["balance"]
            at_seal = state["balances"].get(account, 0)
            running, consistent = at_seal, True
            for item in since:
                running += item["amount"]
                consistent = consistent and item["balanceAfter"] == running
            if consistent and running == published:
                break
            if attempt == 2:
                report.fail(f"{project['slug']}: published balance {published}, but the sealed books ({at_seal}) and the {len(since)} entries since give {running}")
        state["projects"] += 1


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    base = argv[1].rstrip("/")
    try:
        book = fetch_json(f"{base}/api/v1/books/seals")
    except (urllib.error.URLError, ValueError) as error:
        print(f"Cannot read {base}/api/v1/books/seals: {error}")
        return 2
    if book.get("algorithm") != "sha256":
        print(f"Unknown seal algorithm {book.get('algorithm')!r}")
        return 2

    projects = {p["id"]: p for p in book["projects"]}
    report = Report()
    state = {"previous": ZERO_SEAL, "balances": {}, "charges": 0, "projects": 0}
    seals = book["seals"]
    print(f"Verifying the books of {base}: {len(seals)} sealed days, {len(projects)} projects")
    expected_day = None
    for seal in seals:
        day = datetime.date.fromisoformat(seal["day"])
        if expected_day is not None and day != expected_day:
            report.fail(f"the seals jump from {expected_day - datetime.timedelta(days=1)} to {day}")
        expected_day = day + datetime.timedelta(days=1)
        try:
            lines = fetch(f"{base}/api/v1/books/export?day={seal['day']}")
        except urllib.error.HTTPError as error:
            report.fail(f"{seal['day']}: its lines cannot be read ({error.code})")
            continue
        check_day(seal, lines, state, projects, report)
    check_balances(base, book, state, report)

    transactions = sum(s["transactions"] for s in seals)
    print(f"Checked {len(seals)} seals and their chain ({seals[0]['day'] if seals else '-'} to {book.get('sealedThrough') or '-'}), "
          f"{transactions} transactions summing to zero, running balances of {len(state['balances'])} accounts, "
          f"{state['charges']} charges naming their project's commits, and {state['projects']} projects' published balances.")
    if seals:
        print(f"Latest seal: {seals[-1]['day']} {seals[-1]['seal']}")
    if report.problems:
        print(f"FAILED: {len(report.problems)} mismatch(es).")
        return 1
    print("OK: the books are intact.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
