#!/usr/bin/env python3
# bench/run-report.py: the report of bench/run from the raw output it keeps
#
# Usage: bench/run-report.py LOGDIR MAIN-SIZE
#
# LOGDIR holds one directory per dataset size (city, province,
# province-xM), each with the output of every benchmark run (NAME.R.out,
# .err, .time) as bench/run wrote them, and "about" with the machine and
# the run. Reads the figures from the benchmarks' own lines (their last
# lines where they summarise; anything they add is ignored), then prints
# a table per size (median, min, max over the runs), the growth between
# sizes when there are several, and last one line per target of DESIGN.md
# §8 for MAIN-SIZE:
#
#   NAME: FIGURE (target TARGET) ok|MISS
#
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import os
import re
import statistics
import sys

NUM = r"([0-9]+(?:\.[0-9]+)?)"


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def runs_of(d, name):
    """The R of every NAME.R.out in d, in order."""
    found = []
    for path in glob.glob(os.path.join(d, name + ".*.out")):
        m = re.search(r"\.(\d+)\.out$", path)
        if m:
            found.append(int(m.group(1)))
    return sorted(found)


def time_file(path):
    """wall, user, sys, max RSS (KB) from a /usr/bin/time -f '%e %U %S %M' file."""
    for line in read(path).splitlines()[::-1]:
        parts = line.split()
        if len(parts) == 4:
            try:
                return [float(p) for p in parts]
            except ValueError:
                pass
    return None


def step_lines(text, prefix):
    """(name, ms, stall ms, work ms) of every step line of a scroll bench."""
    pattern = re.compile(r"^" + prefix + r": (.+?)\s+" + NUM + r" ms, longest stall\s+" + NUM +
                         r" ms \(main-thread work\s+" + NUM + r" ms\)", re.M)
    return [(m.group(1).strip(), float(m.group(2)), float(m.group(3)), float(m.group(4)))
            for m in pattern.finditer(text)]


class Figures:
    """Per-run values of every figure of one size."""

    def __init__(self, d):
        self.d = d
        self.values = {}
        self.notes = {}
        self.pages = {}       # step name → list of (ready ms, work ms) over the runs
        self.collect()

    def add(self, key, value):
        if value is not None:
            self.values.setdefault(key, []).append(float(value))

    def collect(self):
        d = self.d
        for r in runs_of(d, "startup"):
            text = read(os.path.join(d, "startup.%d.out" % r))
            m = (re.search(r"median of the \d+ paired ratios " + NUM, text) or
                 re.search(r"ratio of the medians " + NUM, text) or
                 re.search(r"ratio\D*" + NUM + r"\s*×", text))
            self.add("startup_ratio", m and m.group(1))
            m = re.search(r"^bare.*?median " + NUM + r" s", text, re.M)
            self.add("startup_bare_s", m and m.group(1))
            m = re.search(r"^granary.*?median " + NUM + r" s", text, re.M)
            self.add("startup_app_s", m and m.group(1))

        for r in runs_of(d, "overview"):
            text = read(os.path.join(d, "overview.%d.out" % r))
            m = re.search(r"main-loop work \(apply \+ paint\): median " + NUM + r" ms, worst " + NUM +
                          r" ms; longest stall " + NUM + r" ms", text)
            if m:
                self.add("overview_work_median", m.group(1))
                self.add("overview_work", m.group(2))
                self.add("overview_stall", m.group(3))
            m = re.search(r"^\s*median, ms\s+" + NUM, text, re.M)
            self.add("overview_total", m and m.group(1))

        for r in runs_of(d, "pages"):
            text = read(os.path.join(d, "pages.%d.out" % r))
            for group, key in (("page switches", "switch"), ("refreshes", "refresh")):
                m = re.search(r"pages: " + group + r": longest main-loop stall " + NUM + r" ms wall-clock \(in \"([^\"]*)\"\), " +
                              NUM + r" ms of main-thread work \(in \"([^\"]*)\"\)(?:; median time to the page shown " + NUM + " ms)?",
                              text)
                if m:
                    self.add("page_%s_stall" % key, m.group(1))
                    self.add("page_%s_work" % key, m.group(3))
                    self.add("page_%s_ready" % key, m.group(5))
                    self.notes.setdefault("page_%s_work" % key, []).append(m.group(4))
            steps = {}
            for m in re.finditer(r"^pages: (.+?)\s+ready\s+" + NUM + r" ms, longest stall\s+" + NUM +
                                 r" ms \(main-thread work\s+" + NUM + r" ms\)", text, re.M):
                name = m.group(1).strip()
                ready, work = float(m.group(2)), float(m.group(4))
                old = steps.get(name)
                steps[name] = (max(ready, old[0]), max(work, old[1])) if old else (ready, work)
            for name, value in steps.items():
                self.pages.setdefault(name, []).append(value)
            t = time_file(os.path.join(d, "pages.%d.time" % r))
            if t and "pages: page switches" in text:
                self.add("pages_rss", t[3] / 1024)

        for r in runs_of(d, "memory"):
            t = time_file(os.path.join(d, "memory.%d.time" % r))
            # Only a run that got as far as the Overview's figures counts.
            if t and "granary-bench refresh " in read(os.path.join(d, "memory.%d.err" % r)):
                self.add("memory_rss", t[3] / 1024)

        for bench, prefix in (("stock", "stock-scroll"), ("timeline", "timeline-scroll")):
            for r in runs_of(d, bench):
                text = read(os.path.join(d, "%s.%d.out" % (bench, r)))
                steps = step_lines(text, prefix)
                scrolls = [s for s in steps if s[0].startswith("scroll")]
                others = [s for s in steps if not s[0].startswith("scroll")]
                if scrolls:
                    self.add(bench + "_scroll_stall", max(s[2] for s in scrolls))
                    self.add(bench + "_scroll_work", max(s[3] for s in scrolls))
                else:
                    m = re.search(r"longest main-loop stall " + NUM + r" ms wall-clock.*?, " + NUM +
                                  r" ms of main-thread work", text)
                    if m:
                        self.add(bench + "_scroll_stall", m.group(1))
                        self.add(bench + "_scroll_work", m.group(2))
                if others:
                    worst = max(others, key=lambda s: s[3])
                    self.add(bench + "_steps_work", worst[3])
                    self.add(bench + "_steps_stall", max(s[2] for s in others))
                    self.notes.setdefault(bench + "_steps_work", []).append(worst[0])

        for r in runs_of(d, "check"):
            text = read(os.path.join(d, "check.%d.out" % r))
            m = re.search(r"^ratio\D*" + NUM, text, re.M)
            self.add("check_ratio", m and m.group(1))
            m = re.search(r"^granary-cli check\s+" + NUM + r" s", text, re.M)
            self.add("check_s", m and m.group(1))
            m = re.search(r"^sqlite3 sum per lot\s+" + NUM + r" s", text, re.M)
            self.add("aggregate_s", m and m.group(1))
            m = re.search(r"^CPU time.*?:\s*" + NUM + r"\s*×", text, re.M)
            self.add("check_cpu_ratio", m and m.group(1))

        for r in runs_of(d, "plan"):
            t = time_file(os.path.join(d, "plan.%d.time" % r))
            if t and read(os.path.join(d, "plan.%d.out" % r)).strip():
                self.add("plan_s", t[0])
                self.add("plan_cpu", t[1] + t[2])

        text = read(os.path.join(d, "sync.out"))
        m = re.search(r"^server import:\s+" + NUM + r" s\s+(.*)$", text, re.M)
        if m:
            self.add("sync_import_s", m.group(1))
            self.notes["sync_import_s"] = [m.group(2).strip()]
        for m in re.finditer(r"^download run \d+:\s+" + NUM + r" s \[\s*" + NUM + r" s\]\s+(\d+) rows:\s+" + NUM +
                             r" rows/s; raw SQLite insert " + NUM + r" s:\s+" + NUM + r" rows/s; download / raw rate " +
                             NUM + r" %; client peak RSS " + NUM + r" MB", text, re.M):
            self.add("sync_download_s", m.group(1))
            self.add("sync_download_cpu", m.group(2))
            self.add("sync_rows", m.group(3))
            self.add("sync_download_rate", m.group(4))
            self.add("sync_raw_s", m.group(5))
            self.add("sync_raw_rate", m.group(6))
            self.add("sync_vs_raw", m.group(7))
            self.add("sync_rss", m.group(8))
        for m in re.finditer(r"^incremental run \d+:\s+push 1,000 changes " + NUM + r" s.*pull 1,000 changes " + NUM + " s",
                             text, re.M):
            self.add("sync_push_s", m.group(1))
            self.add("sync_pull_s", m.group(2))
        m = re.search(r"clients=(\d+) seconds=(\d+) requests=(\d+) errors=(\d+) rows=(\d+) req_per_s=" + NUM +
                      r" rows_per_s=" + NUM + r" p50_ms=" + NUM + r" p90_ms=" + NUM + r" p99_ms=" + NUM +
                      r" max_ms=" + NUM + r"(?:; server CPU " + NUM + " s)?", text)
        if m:
            for i, key in enumerate(("load_clients", "load_seconds", "load_requests", "load_errors", "load_rows",
                                     "load_req_s", "load_rows_s", "load_p50", "load_p90", "load_p99", "load_max",
                                     "load_server_cpu")):
                self.add(key, m.group(i + 1))

    def stats(self, key):
        v = self.values.get(key)
        if not v:
            return None
        return statistics.median(v), min(v), max(v), len(v)


# key, label, unit, format
ROWS = [
    ("startup_app_s", "start-up: granary, first Overview frame with figures", "s", "%.3f"),
    ("startup_bare_s", "start-up: bare libadwaita window, first frame", "s", "%.3f"),
    ("startup_ratio", "start-up: ratio (median of paired runs)", "×", "%.2f"),
    ("overview_work", "Overview refresh: main-loop work (apply + paint), worst", "ms", "%.1f"),
    ("overview_work_median", "Overview refresh: main-loop work, median", "ms", "%.1f"),
    ("overview_stall", "Overview refresh: longest main-loop stall (wall clock)", "ms", "%.1f"),
    ("overview_total", "Overview refresh: request to painted, median", "ms", "%.0f"),
    ("page_switch_work", "page switches: main-thread work, worst", "ms", "%.1f"),
    ("page_switch_stall", "page switches: longest stall (wall clock)", "ms", "%.1f"),
    ("page_switch_ready", "page switches: time to the page shown, median", "ms", "%.0f"),
    ("page_refresh_work", "page refreshes: main-thread work, worst", "ms", "%.1f"),
    ("page_refresh_stall", "page refreshes: longest stall (wall clock)", "ms", "%.1f"),
    ("page_refresh_ready", "page refreshes: time to the page shown, median", "ms", "%.0f"),
    ("stock_scroll_work", "lot table scrolling: main-thread work, worst", "ms", "%.1f"),
    ("stock_scroll_stall", "lot table scrolling: longest stall (wall clock)", "ms", "%.1f"),
    ("stock_steps_work", "lot table sort/filter/level: main-thread work, worst", "ms", "%.1f"),
    ("timeline_scroll_work", "timeline scrolling: main-thread work, worst", "ms", "%.1f"),
    ("timeline_scroll_stall", "timeline scrolling: longest stall (wall clock)", "ms", "%.1f"),
    ("timeline_steps_work", "timeline open/group/filter: main-thread work, worst", "ms", "%.1f"),
    ("check_s", "granary-cli check", "s", "%.3f"),
    ("aggregate_s", "sqlite3: sum of quantities per lot", "s", "%.3f"),
    ("check_ratio", "check / raw aggregate (wall clock)", "×", "%.2f"),
    ("check_cpu_ratio", "check / raw aggregate (CPU time)", "×", "%.2f"),
    ("plan_s", "granary-cli plan, next year", "s", "%.2f"),
    ("sync_import_s", "server import (granary-server import)", "s", "%.0f"),
    ("sync_rows", "initial download: records", "", "%.0f"),
    ("sync_download_s", "initial download: time", "s", "%.1f"),
    ("sync_download_cpu", "initial download: client CPU time", "s", "%.1f"),
    ("sync_download_rate", "initial download: rate", "rows/s", "%.0f"),
    ("sync_raw_rate", "raw SQLite bulk insert of the same rows: rate", "rows/s", "%.0f"),
    ("sync_vs_raw", "download rate / raw insert rate", "%", "%.1f"),
    ("sync_push_s", "incremental: push 1,000 changes", "s", "%.3f"),
    ("sync_pull_s", "incremental: pull 1,000 changes", "s", "%.3f"),
    ("load_req_s", "server, 100 pulling clients: requests", "req/s", "%.1f"),
    ("load_rows_s", "server, 100 pulling clients: changes served", "rows/s", "%.0f"),
    ("load_p50", "server, 100 pulling clients: p50", "ms", "%.0f"),
    ("load_p99", "server, 100 pulling clients: p99", "ms", "%.0f"),
    ("load_errors", "server, 100 pulling clients: errors", "", "%.0f"),
    ("memory_rss", "app peak memory, Overview with figures and findings", "MB", "%.0f"),
    ("pages_rss", "app peak memory, every page opened", "MB", "%.0f"),
    ("sync_rss", "sync client peak memory, initial download", "MB", "%.0f"),
]
ROW = {key: (label, unit, fmt) for key, label, unit, fmt in ROWS}

# name, key, op, bound, target text
TARGETS = [
    ("startup", "startup_ratio", "<=", 1.5, "≤ 1.5× a bare libadwaita window"),
    ("overview-refresh", "overview_work", "<", 50, "< 50 ms of main-loop work"),
    ("page-switch", "page_switch_work", "<", 50, "< 50 ms of main-loop work"),
    ("page-refresh", "page_refresh_work", "<", 50, "< 50 ms of main-loop work"),
    ("lot-table-scroll", "stock_scroll_work", "<=", 50, "no main-loop stall over 50 ms"),
    ("timeline-scroll", "timeline_scroll_work", "<=", 50, "no main-loop stall over 50 ms"),
    ("check", "check_ratio", "<=", 2, "≤ 2× one raw SQLite aggregate"),
    ("planner-next-year", "plan_s", "<", 60, "seconds, not minutes: < 60 s"),
    ("initial-sync-rate", "sync_download_rate", ">=", 20000, "≥ 20,000 rows/s"),
    ("initial-sync-vs-raw-insert", "sync_vs_raw", ">=", 30, "aiming at ≥ 30 % of a raw SQLite bulk insert"),
    ("incremental-sync-push-1000", "sync_push_s", "<", 0.3, "< 0.3 s on loopback"),
    ("incremental-sync-pull-1000", "sync_pull_s", "<", 0.3, "< 0.3 s on loopback"),
    ("server-100-pulling-clients", "load_errors", "==", 0, "100 clients for 60 s without error, p99 recorded"),
    ("client-peak-memory", "memory_rss", "<=", 300, "≤ 300 MB (SYNC.md §5's peak client RSS)"),
    ("sync-client-peak-memory", "sync_rss", "<=", 300, "≤ 300 MB (SYNC.md §5)"),
]

# Why a figure is missing, by the benchmark that makes it
SOURCE = {
    "startup": "startup", "overview": "overview", "page": "pages", "stock": "stock", "timeline": "timeline",
    "check": "check", "aggregate": "check", "plan": "plan", "sync": "sync", "load": "sync", "memory": "memory",
    "pages": "pages",
}


def fmt_value(key, value):
    label, unit, fmt = ROW[key]
    text = fmt % value
    if fmt.endswith(".0f") and abs(value) >= 10000:
        text = "{:,.0f}".format(value)
    return text


def with_unit(key, text):
    unit = ROW[key][1]
    if not unit:
        return text
    return text + ("" if unit == "×" else " ") + unit


def figure(fig, key):
    s = fig.stats(key)
    if s is None:
        return None
    median, low, high, n = s
    if n == 1:
        return with_unit(key, fmt_value(key, median)) + " [1 run]"
    return "%s [%s–%s, %d runs]" % (with_unit(key, fmt_value(key, median)), fmt_value(key, low),
                                   fmt_value(key, high), n)


def why_missing(d, key):
    bench = SOURCE.get(key.split("_")[0], "")
    skipped = read(os.path.join(d, bench + ".skipped")).strip() or read(os.path.join(d, "skipped")).strip()
    if skipped:
        return skipped
    if glob.glob(os.path.join(d, bench + "*.err")):
        return "bench/%s gave no figure (see %s)" % (bench if bench != "pages" else "dashboard --pages",
                                                   os.path.join(d, bench + "*.err"))
    return "not run"


def describe_size(d):
    scale, factor, years = (read(os.path.join(d, "size")).split() + ["?", "?", "10"])[:3]
    counts = read(os.path.join(d, "counts")).strip().split("|")
    name = "city" if scale == "city" else "province, factor %s" % factor
    if scale != "city" and years != "10":
        name += ", %s years of history" % years
    if len(counts) == 4:
        return "%s: %s depots, %s lots, %s movements, %s inspection readings" % (
            name, *("{:,}".format(int(c)) for c in counts))
    return name


def movements(d):
    counts = read(os.path.join(d, "counts")).strip().split("|")
    return int(counts[2]) if len(counts) == 4 else None


def print_table(label, d, fig):
    print()
    print("== %s" % describe_size(d))
    print("%-58s %12s %10s %10s %5s" % ("", "median", "min", "max", "runs"))
    for key, name, unit, fmt in ROWS:
        s = fig.stats(key)
        if s is None:
            continue
        median, low, high, n = s
        print("%-58s %12s %10s %10s %5d" % ("%s%s" % (name, " (%s)" % unit if unit else ""),
                                            fmt_value(key, median), fmt_value(key, low), fmt_value(key, high), n))
    for key in ("page_switch_work", "page_refresh_work", "stock_steps_work", "timeline_steps_work"):
        if fig.notes.get(key):
            worst = max(set(fig.notes[key]), key=fig.notes[key].count)
            print("  %s: mostly in \"%s\"" % (ROW[key][0].split(":")[0], worst))
    if fig.notes.get("sync_import_s"):
        print("  server import: %s" % fig.notes["sync_import_s"][0])
    if fig.pages:
        print()
        print("  every page (medians over the runs): time until shown with its data / main-thread work, ms")
        print("  %-12s %20s %20s %20s" % ("page", "first opened", "refreshed", "switched to, worst"))
        for page in ("overview", "stock", "rotation", "grading", "inspections", "reports"):
            cells = []
            for step in ("open " + page, "refresh " + page, "switch to " + page):
                values = fig.pages.get(step)
                if page == "overview" and step.startswith("open"):
                    values = fig.pages.get("start on the overview")
                if values:
                    cells.append("%.0f / %.1f" % (statistics.median(v[0] for v in values),
                                                  statistics.median(v[1] for v in values)))
                else:
                    cells.append("-")
            print("  %-12s %20s %20s %20s" % (page, *cells))
        print("  (the overview's \"first opened\" is the start of the app)")


GROWTH = ["startup_app_s", "startup_ratio", "overview_work", "overview_total", "page_switch_work",
          "page_refresh_work", "page_refresh_ready", "stock_scroll_work", "stock_steps_work", "timeline_scroll_work",
          "timeline_steps_work", "check_s", "aggregate_s", "check_ratio", "plan_s", "sync_download_s",
          "sync_download_rate", "sync_push_s", "sync_pull_s", "load_p99", "memory_rss", "pages_rss", "sync_rss"]


def print_growth(sizes, figs):
    print()
    print("== Scaling: medians at each size; growth from one size to the next, next to the growth of the data")
    data = [movements(d) for _, d in sizes]
    header = "%-56s" % "" + "".join("%14s" % label for label, _ in sizes)
    labels = [label for label, _ in sizes]
    # Each size against the one before it; a longer history against the
    # province of ten years it lengthens.
    steps = []
    for i in range(1, len(sizes)):
        base = labels.index("province") if labels[i].startswith("province-y") and "province" in labels else i - 1
        steps.append((base, i))
        header += "%18s" % ("%s→%s" % (labels[base].replace("province", "prov")[:6],
                                        labels[i].replace("province", "prov")[:9]))
    print(header)
    line = "%-56s" % "movements" + "".join("%14s" % ("{:,}".format(m) if m else "-") for m in data)
    for base, i in steps:
        line += "%18s" % ("×%.1f" % (data[i] / data[base]) if data[i] and data[base] else "-")
    print(line)
    for key in GROWTH:
        meds = []
        for label, _ in sizes:
            s = figs[label].stats(key)
            meds.append(s[0] if s else None)
        if all(m is None for m in meds):
            continue
        name = ROW[key][0] + (" (%s)" % ROW[key][1] if ROW[key][1] else "")
        line = "%-56s" % name[:56] + "".join("%14s" % (fmt_value(key, m) if m is not None else "-") for m in meds)
        for base, i in steps:
            a, b = meds[base], meds[i]
            line += "%18s" % ("×%.2f" % (b / a) if a and b is not None else "-")
        print(line)
    print("(a time that grows no faster than the data scales at most like the movements; a dashboard's work should stay flat,")
    print(" and flat in the length of the history: prov→prov-y*)")


def check(op, value, bound):
    return {"<": value < bound, "<=": value <= bound, ">=": value >= bound, "==": value == bound}[op]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: run-report.py LOGDIR MAIN-SIZE")
    logdir, main_label = sys.argv[1], sys.argv[2]
    order = (["city", "province"] + sorted(os.path.basename(p) for p in glob.glob(os.path.join(logdir, "province-x*")))
             + sorted(os.path.basename(p) for p in glob.glob(os.path.join(logdir, "province-y*"))))
    sizes = [(label, os.path.join(logdir, label)) for label in order if os.path.isdir(os.path.join(logdir, label))]
    figs = {label: Figures(d) for label, d in sizes}

    about = dict(line.split(" ", 1) for line in read(os.path.join(logdir, "about")).splitlines() if " " in line)
    print("Granary benchmarks, %s, commit %s" % (about.get("date", "?"), about.get("commit", "?")))
    print("machine: %s; load average %s at the start, %s at the end" % (
        about.get("machine", "?"), about.get("load_start", "?"), about.get("load_end", "?")))
    print("renderer: %s; %s; took %s" % (about.get("renderer", "?"), about.get("mode", "?"), about.get("elapsed", "?")))
    for note in read(os.path.join(logdir, "about-notes")).splitlines():
        print("note: " + note)
    for label, d in sizes:
        print_table(label, d, figs[label])
    if len(sizes) > 1:
        print_growth(sizes, figs)

    main_dir = os.path.join(logdir, main_label)
    fig = figs.get(main_label)
    print()
    print("Targets (DESIGN.md §8) on the %s:" % describe_size(main_dir))
    for name, key, op, bound, text in TARGETS:
        if fig is None or fig.stats(key) is None:
            print("%s: not measured: %s (target %s) MISS" % (name, why_missing(main_dir, key), text))
            continue
        median = fig.stats(key)[0]
        if key == "load_errors":
            # Every run must be clean; the figure carries what is recorded.
            ok = max(fig.values[key]) == 0
            extra = []
            for k, label in (("load_req_s", "req/s"), ("load_p50", "ms p50"), ("load_p99", "ms p99")):
                s = fig.stats(k)
                if s:
                    extra.append("%s %s" % (fmt_value(k, s[0]), label))
            clients = fig.stats("load_clients")
            seconds = fig.stats("load_seconds")
            shown = "%d errors, %d clients for %d s: %s" % (max(fig.values[key]), clients[0] if clients else 0,
                                                          seconds[0] if seconds else 0, ", ".join(extra))
        else:
            ok = check(op, median, bound)
            shown = figure(fig, key)
        print("%s: %s (target %s) %s" % (name, shown, text, "ok" if ok else "MISS"))


if __name__ == "__main__":
    main()
