#!/usr/bin/python3
"""Regenerates the measured figures of docs/cases.md from real runs of the seed cases.

For each case, runs the comparison (`civicsim compare`: the scenario's baseline and strategies,
common random numbers) for the days and replications given below, quotes the findings it opens
with (the sentences the HTML report opens with), computes the figures the case's paragraph relies on
(paired differences from the baseline with 95 % Student-t intervals, city-wide and where the
strategy acts: group members, app users, an age band, a district), and writes them between the
markers `<!-- figures:<case>:begin -->` and `<!-- figures:<case>:end -->` of docs/cases.md. Run
from the repository root after a change of the model, once the build is done (about 15 minutes on
two cores):

    /usr/bin/python3 scripts/case_figures.py [case ...]
"""
import math
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np

sys.path.insert(0, "build/python")
import civicsim  # noqa: E402
from civicsim._results import _t_interval  # noqa: E402

DOC = Path("docs/cases.md")
CLI = "build/sim/civicsim"


def findings_of(printed):
    """The finding sentences `civicsim compare` prints: the lines starting "- " after the line
    starting "findings"."""
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("findings"))
    found = []
    for line in lines[start + 1:]:
        if not line.startswith("- "):
            break
        found.append(line[2:])
    return found


def number(x, signed=False):
    """Plain notation with about three significant digits; "n/a" for NaN."""
    if x is None or not math.isfinite(x):
        return "n/a"
    size = abs(x)
    decimals = 0 if size >= 100 else max(0, min(6, 2 - math.floor(math.log10(size)))) if size else 0
    text = f"{x:+,.{decimals}f}" if signed else f"{x:,.{decimals}f}"
    return text.replace("-", "−")


def interval(row, signed=True):
    return (f"{number(row['mean'], signed)} [{number(row['low'])}, {number(row['high'])}]")


def t_interval(values):
    """Mean and 95 % Student-t interval, as the package's differences() compute them."""
    return _t_interval(np.asarray(values, dtype=float), 0.95)


class Case:
    def __init__(self, key, path, days=None, replications=None):
        self.key, self.path = key, path
        self.days, self.replications = days, replications
        self.spec = tomllib.loads(Path(path).read_text())
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "compare.h5"
            printed = subprocess.run([CLI, *self.command().split()[1:], "--out", str(out)],
                                     capture_output=True, text=True, check=True).stdout
            self.results = civicsim.open_results(out)
        self.findings = findings_of(printed)
        self.lines = []

    def command(self):
        sets = "".join(f" --set scenario.{k}={v}" for k, v in
                       (("days", self.days), ("replications", self.replications)) if v)
        return f"civicsim compare {self.path}{sets}"

    # -- Figures ---------------------------------------------------------------------------------

    def level(self, label, outcome, strategy="baseline"):
        row = self.results.estimate(outcome).loc[strategy]
        self.lines.append(f"- {label}: {interval(row, signed=False)}")

    def difference(self, label, outcome, strategy):
        row = self.results.differences(outcome).loc[strategy]
        self.lines.append(f"- {label}: {interval(row)}")

    def exposed(self, label, exposure, outcome, strategy, group):
        row = self.results.exposure_differences(exposure, outcome).loc[(strategy, group)]
        self.lines.append(f"- {label}: {interval(row)}")

    def last_day(self, outcome, neighbourhood):
        series = self.results.timeseries[outcome].isel(day=-1).sel(neighbourhood=neighbourhood)
        return series.to_numpy()

    def _paired(self, values, strategy):
        runs = self.results.summary
        by = {}
        for value, s, r in zip(values, runs["strategy"], runs["replication"]):
            by.setdefault(s, {})[r] = value
        return [by[strategy][r] - by["baseline"][r] for r in by["baseline"] if r in by[strategy]]

    def district(self, label, outcome, neighbourhood, strategy=None):
        """The last day's value of a daily outcome in one neighbourhood: its level in the
        baseline, or a strategy's paired difference."""
        values = self.last_day(outcome, neighbourhood)
        if strategy is None:
            runs = self.results.summary["strategy"].to_numpy()
            row, signed = t_interval(values[runs == "baseline"]), False
        else:
            row, signed = t_interval(self._paired(values, strategy)), True
        self.lines.append(f"- {label}: {interval(row, signed)}")

    def age_band(self, label, outcome, band, strategy):
        """A strategy's paired difference in a group outcome of one age band on the last day,
        city-wide: neighbourhoods weighted by their residents in the band."""
        data = self.results.by_age_band[outcome].isel(day=-1).sel(age_band=band)
        index = list(self.results.by_age_band["age_band"].values).index(band)
        hoods = self.spec["neighbourhood"]
        weights = np.array([h["population"] * h.get("age_shares", [0.25] * 4)[index]
                            for h in hoods])
        values = (data.to_numpy() * weights).sum(axis=1) / weights.sum()
        self.lines.append(f"- {label}: {interval(t_interval(self._paired(values, strategy)))}")

    def total(self, label, outcome, strategy):
        """A strategy's paired difference in a daily count summed over days and neighbourhoods."""
        values = self.results.timeseries[outcome].sum(dim=["day", "neighbourhood"]).to_numpy()
        self.lines.append(f"- {label}: {interval(t_interval(self._paired(values, strategy)))}")

    # -- Output ----------------------------------------------------------------------------------

    def block(self, commit):
        head = (f"Measured at commit `{commit}` by `scripts/case_figures.py` "
                f"(`{self.command()}`). The findings the comparison and its report open with:")
        figures = ("The figures this section relies on (differences are strategy minus baseline, "
                   "paired by replication, with 95 % intervals):")
        return "\n".join([head, ""] + [f"> - {f}" for f in self.findings] + ["", figures, ""]
                         + self.lines)


def romagna():
    two = Case("romagna", "scenarios/romagna_faentina.toml", days=730, replications=4)
    g = "by_group_membership"
    two.difference("open chats instead of trained facilitators, cohesion", "cohesion",
                   "app without facilitators")
    two.exposed("open chats instead of trained facilitators, members' trust", g, "trust_mean",
                "app without facilitators", "members")
    two.exposed("open chats instead of trained facilitators, members' fear", g, "fear_mean",
                "app without facilitators", "members")
    two.exposed("60 h of training instead of 20, members' trust", g, "trust_mean",
                "more facilitator training", "members")
    two.exposed("60 h of training instead of 20, members' fear", g, "fear_mean",
                "more facilitator training", "members")
    two.exposed("60 h of training instead of 20, non-members' trust", g, "trust_mean",
                "more facilitator training", "others")
    two.difference("60 h of training instead of 20, city-wide mean trust", "trust_mean",
                   "more facilitator training")
    two.difference("training cost of 60 h instead of 20 (€)", "training_cost",
                   "more facilitator training")
    six = Case("romagna", "scenarios/romagna_faentina.toml", replications=4)
    six.level("after six years, share of residents in groups", "group_member_share")
    six.level("after six years, groups", "groups")
    six.difference("open chats instead of facilitators, genuine reports dropped over six years",
                   "missed_genuine", "app without facilitators")
    return [two, six]


def terrassa():
    c = Case("terrassa", "scenarios/terrassa.toml", days=365, replications=3)
    c.level("baseline, share of officers' report hours on non-police matters",
            "non_police_hours_share")
    c.level("baseline, mean trust (resting level 0.60)", "trust_mean")
    c.difference("rule routing, non-police hours share", "non_police_hours_share", "rule routing")
    c.difference("rule routing, mean trust", "trust_mean", "rule routing")
    c.exposed("rule routing, app users' trust", "by_app_use", "trust_mean", "rule routing",
              "app users")
    c.difference("classifier triage, mean trust", "trust_mean", "classifier triage")
    c.difference("classifier triage, genuine police matters dropped", "missed_genuine",
                 "classifier triage")
    c.difference("Covid WhatsApp groups, mean trust", "trust_mean", "Covid WhatsApp")
    c.difference("official debunking, non-police hours share", "non_police_hours_share",
                 "official debunking")
    c.difference("official debunking, mean trust", "trust_mean", "official debunking")
    c.difference("official debunking, rumour reach", "rumour_reach", "official debunking")
    c.difference("official debunking, false rumours' reach", "rumour_reach_false",
                 "official debunking")
    c.difference("official debunking, rumours corrected", "rumours_debunked", "official debunking")
    c.difference("official debunking, worried share", "worried_share", "official debunking")
    c.difference("official debunking, officer cost (€)", "officer_cost", "official debunking")
    i = "social-media intelligence"
    c.difference("intelligence, leads from public posts", "intelligence_leads", i)
    c.difference("intelligence, genuine police matters dropped", "missed_genuine", i)
    c.difference("intelligence, expired reports", "expired", i)
    c.difference("intelligence, residents monitored", "intelligence_residents_monitored", i)
    c.difference("intelligence, rumours corrected", "rumours_debunked", i)
    c.difference("intelligence, officer cost (€)", "officer_cost", i)
    c.level("baseline, app reports in the first year", "reports_per_year_app")
    c.level("baseline, median response time, emergency grade (hours)",
            "response_time_median_emergency")
    c.level("baseline, share of emergency reports within 15 minutes", "on_target_share_emergency")
    return [c]


def london():
    c = Case("london", "scenarios/london_hate_crime.toml", days=365, replications=3)
    s = "app plus awareness campaign"
    c.level("baseline, share of hate crimes reported at least once", "reported_share_hate_crime")
    c.difference("campaign, share of hate crimes reported at least once",
                 "reported_share_hate_crime", s)
    c.total("campaign, hate-crime reports over the year", "reports_hate_crime", s)
    c.difference("campaign, expired reports", "expired", s)
    c.difference("campaign, median response time (hours)", "response_time_median", s)
    c.difference("campaign, mean trust", "trust_mean", s)
    c.exposed("campaign, its targets' trust", "by_campaign_target", "trust_mean", s, "targets")
    c.difference("campaign, adoption gap by language", "adoption_gap_language", s)
    return [c]


def nuremberg():
    c = Case("nuremberg", "scenarios/nuremberg_integreat.toml", days=365, replications=3)
    c.level("German-only app, adoption gap by language (German speakers minus the others)",
            "adoption_gap_language")
    for s in ("multilingual app", "co-designed multilingual app"):
        c.difference(f"{s}, adoption gap by language", "adoption_gap_language", s)
        c.difference(f"{s}, translation cost (€)", "translation_cost", s)
    c.difference("co-designed multilingual app, campaign cost (€)", "campaign_cost",
                 "co-designed multilingual app")
    c.exposed("co-designed multilingual app, the co-design campaign's targets' adoption",
              "by_campaign_target", "adoption_share", "co-designed multilingual app", "targets")
    return [c]


def participatory():
    c = Case("participatory", "scenarios/participatory_city.toml", days=365, replications=4)
    for s in ("open consultations", "consultations with outreach"):
        c.difference(f"{s}, mean trust", "trust_mean", s)
        c.age_band(f"{s}, trust of residents aged 65+", "trust_mean", "65+", s)
        c.difference(f"{s}, participants over the year", "participants", s)
        c.difference(f"{s}, patrol–crime gap", "patrol_crime_gap", s)
    return [c]


def rural():
    c = Case("rural", "scenarios/rural_vs_urban.toml", days=365, replications=4)
    c.district("launch without outreach, adoption in the dense young district",
               "adoption_share", "Dense Young District")
    c.district("launch without outreach, adoption in the sparse ageing district",
               "adoption_share", "Sparse Ageing District")
    s = "app launch with outreach"
    c.district("outreach, adoption in the sparse ageing district", "adoption_share",
               "Sparse Ageing District", s)
    c.district("outreach, adoption in the dense young district", "adoption_share",
               "Dense Young District", s)
    c.difference("outreach, campaign cost (€)", "campaign_cost", s)
    return [c]


CASES = {"romagna": romagna, "terrassa": terrassa, "london": london, "nuremberg": nuremberg,
         "participatory": participatory, "rural": rural}


def commit():
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()


def main():
    chosen = sys.argv[1:] or list(CASES)
    text = DOC.read_text()
    for key in chosen:
        print(f"case_figures: {key}", file=sys.stderr)
        block = "\n\n".join(case.block(commit()) for case in CASES[key]())
        begin, end = f"<!-- figures:{key}:begin -->", f"<!-- figures:{key}:end -->"
        start, stop = text.index(begin), text.index(end) + len(end)
        text = text[:start] + f"{begin}\n\n{block}\n\n{end}" + text[stop:]
        DOC.write_text(text)


if __name__ == "__main__":
    main()
