#!/usr/bin/env python3
"""Deterministic generator of fictional Swedish case documents (ärenden) for benchmarks.

Every document is a tjänsteskrivelse in Markdown, put together from phrase banks written for
this repository: a letterhead with Dnr, Sammanfattning, Förslag till beslut, Bakgrund,
Ärendet (running text with target-group words, figures, percentages, amounts, years, block
quotes and tables), consequence sections (economy, children, and in most documents a
gender-equality section that is an analysis, a stock phrase, empty or missing) and a closing
block. The mix is meant to look like what the linter meets in practice, so that throughput
figures measure realistic work, not a best or worst case.

  python3 bench/gen_corpus.py --n 2400 --size-kb 5 --seed 1 --out bench/out/corpus
  python3 bench/gen_corpus.py --single-mb 0.1 --seed 1 --out /tmp/case100k.md

Directory mode writes N files `arende-NNNNN.md` and a `manifest.json` (sizes, and how many
documents have each kind of gender section). With --single-mb, one Markdown file of about
that size is written: the cases one after another, separated by `---` lines.
The same arguments give byte-identical output (the only randomness is random.Random(seed)).
"""

import argparse
import json
import os
import random

PLACES = ["Älvby", "Norrstrand", "Sjöåsen", "Björkviken", "Granlunda", "Östermark",
          "Hagaberg", "Lillmora", "Västerå", "Ringsö", "Tallnäs", "Kvarnbo"]
COMMITTEES = [("Socialnämnden", "SN"), ("Barn- och utbildningsnämnden", "BUN"),
              ("Kultur- och fritidsnämnden", "KFN"), ("Kommunstyrelsen", "KS"),
              ("Hälso- och sjukvårdsnämnden", "HSN"), ("Tekniska nämnden", "TN"),
              ("Regionstyrelsen", "RS")]
TOPICS = [
    ("Utökade öppettider vid hälsocentralen i {place}", "patienter", "vårdtagare"),
    ("Ny inriktning för fritidsgårdarna i {place}", "ungdomar", "besökare"),
    ("Avgifter i kulturskolan {year}", "elever", "barn"),
    ("Riktlinjer för färdtjänst och riksfärdtjänst", "resenärer", "brukare"),
    ("Bidrag till föreningar i {place}", "deltagare", "medborgare"),
    ("Införande av digitala besök i hemtjänsten", "brukare", "personer"),
    ("Svar på medborgarförslag om utegym i {place}", "invånare", "besökare"),
    ("Plan för studie- och yrkesvägledning", "elever", "ungdomar"),
    ("Förlängt avtal om tolktjänst", "klienter", "personer"),
    ("Arbetsmarknadsinsatser för unga vuxna", "deltagare", "sökande"),
    ("Biblioteksplan för {place} {year}–{year2}", "besökare", "invånare"),
    ("Öppettider och taxor i simhallen", "besökare", "barn"),
]
DEFINITE = {"patienter": "patienterna", "vårdtagare": "vårdtagarna", "ungdomar": "ungdomarna",
            "besökare": "besökarna", "elever": "eleverna", "barn": "barnen",
            "resenärer": "resenärerna", "brukare": "brukarna", "deltagare": "deltagarna",
            "medborgare": "medborgarna", "personer": "personerna", "invånare": "invånarna",
            "klienter": "klienterna", "sökande": "de sökande"}
OFFICERS = ["Anna Lindqvist", "Mehmet Yilmaz", "Karin Sjöberg", "Johan Nordin",
            "Sara Abdi", "Per Hallgren", "Lena Forsberg", "Ali Rahimi"]

# Running-text sentences. {g} is the topic's main group word, {h} the second one; {n}, {m}
# numbers, {p} a percentage, {y} a year, {k} an amount, {place} a place name.
PLAIN = [
    "Förvaltningen har under våren gått igenom verksamheten tillsammans med berörda enheter.",
    "Arbetet har bedrivits i samverkan med regionen och de fackliga organisationerna.",
    "Förslaget ryms inom den ram som nämnden har beslutat om för {y}.",
    "Lokalerna i {place} har setts över och en del av ytorna behöver anpassas.",
    "Uppdraget redovisades senast för nämnden den 12 mars {y}, se § 34.",
    "Kostnaden beräknas till {k} kronor per år och finansieras inom befintlig budget.",
    "Verksamheten följs upp i delårsrapporten och i årsredovisningen.",
    "En arbetsgrupp med representanter för alla verksamheter har tagit fram underlaget.",
    "Ärendet har stämts av med ekonomiavdelningen och med kommunens jurist.",
    "Införandet sker stegvis under hösten, med start vecka 36.",
    "Avtalet löper ut den 31 december {y} och kan förlängas med två år.",
    "Nämnden beslutade i juni {y} att ge förvaltningen i uppdrag att utreda frågan (dnr {dnr}).",
    "Förvaltningen bedömer att förslaget stärker patientsäkerheten och elevhälsan i {place}.",
    "Barn- och ungdomsnämnden har yttrat sig över förslaget utan invändningar.",
]
GROUP = [
    "De nya tiderna gör det lättare för {g} att få hjälp utan att ta ledigt från arbetet.",
    "Många {g} har framfört att informationen om verksamheten är svår att hitta.",
    "Verksamheten ska vara tillgänglig för alla.",
    "Alla som bor i {place} ska kunna ta del av utbudet.",
    "Förvaltningen har haft dialog med {h} och deras anhöriga.",
    "{G} upplever enligt enkäten att bemötandet har blivit bättre.",
    "Synpunkter från {h} har samlats in via kommunens webbplats.",
    "Alla {g} ska erbjudas samma information oavsett var de bor.",
    "Varje invånare ska kunna nå verksamheten inom 30 minuter.",
    "Kostnaden per brukare har minskat något sedan {y}.",
]
GENDERED = [
    "Kvinnor och män som är {g} har olika behov, vilket har beaktats i förslaget.",
    "Flickor och pojkar använder verksamheten på olika sätt under veckan.",
    "Statistiken är könsuppdelad och redovisas i bilaga 2.",
    "Under {y} hade verksamheten {n} {g} ({n1} kvinnor och {n2} män).",
]
FIGURES = [
    "Under {y} hade verksamheten {n} {g}.",
    "Enligt senaste mätningen svarade {p} procent av {gd} att de var nöjda.",
    "Antalet {g} ökade med {m} jämfört med föregående år.",
    "Verksamheten nådde {n} unika {h} under hösten.",
    "Andelen {g} som väntade mer än 90 dagar var {p} %.",
    "{place} är en ort med drygt {big} invånare, och avståndet till närmaste enhet är 14 km.",
]
QUOTES = [
    "> Individbaserad statistik ska vara uppdelad efter kön om det inte finns särskilda skäl "
    "mot detta.",
    "> Kommunen ska verka för att alla invånare får likvärdig service, enligt nämndens "
    "beslut {y}-05-14 § 61.",
]
GENDER_ANALYSIS = [
    "Av uppföljningen framgår att fler kvinnor än män använder verksamheten, medan män oftare "
    "avbryter sina kontakter i förtid. Skillnaden förklaras delvis av ålder och bostadsort.",
    "Förvaltningen föreslår därför riktade insatser under kvällstid, och utfallet kommer att "
    "följas upp könsuppdelat i delårsrapporten.",
    "Förslaget bidrar till det jämställdhetspolitiska delmålet om jämställd hälsa och till "
    "kommunens jämställdhetsplan.",
]
GENDER_STOCK = [
    "Förslaget bedöms inte påverka jämställdheten.",
    "Ärendet har ingen betydelse ur ett jämställdhetsperspektiv.",
    "Ej relevant.",
    "Förslaget är könsneutralt.",
]
GENDER_JUSTIFIED = [
    "Förslaget bedöms inte påverka jämställdheten eftersom det endast gäller en teknisk "
    "justering av avtalets löptid.",
]


class Writer:
    def __init__(self, rng, index):
        self.rng = rng
        self.index = index
        self.place = rng.choice(PLACES)
        self.year = rng.randint(2019, 2026)
        self.committee, self.prefix = rng.choice(COMMITTEES)
        self.title_t, self.g, self.h = rng.choice(TOPICS)

    def fill(self, template):
        r = self.rng
        n = r.randint(12, 4800)
        n1 = r.randint(1, n - 1) if n > 1 else 1
        g = self.g
        values = {
            "g": g, "h": self.h, "G": g[:1].upper() + g[1:], "place": self.place,
            "y": self.year - r.randint(0, 3), "year": self.year, "year2": self.year + 3,
            "n": thousands(n), "n1": thousands(n1), "n2": thousands(n - n1),
            "m": r.randint(3, 250), "p": r.randint(3, 96),
            "k": thousands(r.randint(20, 900) * 1000), "big": thousands(r.randint(2, 90) * 1000),
            "dnr": f"{self.prefix} {self.year - 1}/{r.randint(10, 999):03d}",
        }
        values["gd"] = DEFINITE[g]
        return template.format(**values)

    def paragraph(self):
        r = self.rng
        banks = [(PLAIN, 5), (GROUP, 3), (FIGURES, 2), (GENDERED, 1)]
        parts = []
        for _ in range(r.randint(3, 6)):
            bank = r.choices([b for b, _ in banks], weights=[w for _, w in banks])[0]
            parts.append(self.fill(r.choice(bank)))
        return " ".join(parts)

    def table(self):
        r = self.rng
        header = r.choice([f"| År | Antal {self.g} | Varav kvinnor | Varav män |",
                           f"| Enhet | {self.g.capitalize()} | Besök |",
                           "| Kostnadsslag | Budget (tkr) | Utfall (tkr) |"])
        cols = header.count("|") - 1
        rows = [header, "|" + "---|" * cols]
        for i in range(r.randint(3, 6)):
            first = str(self.year - i) if header.startswith("| År") else r.choice(PLACES)
            rows.append("| " + " | ".join([first] + [thousands(r.randint(5, 3000))
                                                     for _ in range(cols - 1)]) + " |")
        return "\n".join(rows)

    def gender_section(self, kind):
        r = self.rng
        if kind == "analysis":
            return "\n\n".join(["## Konsekvenser för jämställdhet"] + GENDER_ANALYSIS)
        if kind == "stock":
            return "## Konsekvenser för jämställdhet\n\n" + r.choice(GENDER_STOCK)
        if kind == "justified":
            return "## Jämställdhetsanalys\n\n" + GENDER_JUSTIFIED[0]
        if kind == "empty":
            return "## Konsekvenser för jämställdhet\n\n-"
        return None  # missing

    def render(self, size):
        r = self.rng
        title = self.fill(self.title_t)
        dnr = f"{self.prefix} {self.year}/{r.randint(10, 999):03d}"
        kind = r.choices(["analysis", "stock", "justified", "empty", "missing"],
                         weights=[5, 3, 1, 1, 2])[0]
        head = [
            f"# {title}",
            f"**{self.committee}**  \nDnr {dnr}  \n{self.year}-{r.randint(1, 12):02d}-"
            f"{r.randint(1, 28):02d}  \nHandläggare: {r.choice(OFFICERS)}",
            "## Sammanfattning",
            self.paragraph(),
            "## Förslag till beslut",
            f"1. {self.committee} godkänner förvaltningens förslag.\n"
            f"2. Uppdraget redovisas för nämnden senast i december {self.year}.",
            "## Bakgrund",
            self.paragraph(),
            "## Ärendet",
        ]
        tail = [
            "## Ekonomiska konsekvenser",
            self.fill(PLAIN[5]),
            "## Barnperspektiv",
            self.paragraph(),
        ]
        section = self.gender_section(kind)
        if section:
            tail.append(section)
        tail += ["## Beslutet skickas till", f"Förvaltningschef\n{self.committee}",
                 r.choice(OFFICERS) + "  \nUtredare"]
        body = []
        used = len("\n\n".join(head + tail).encode("utf-8"))
        while used < size or not body:
            roll = r.random()
            if roll < 0.08:
                block = self.table()
            elif roll < 0.14:
                block = self.fill(r.choice(QUOTES))
            elif roll < 0.22:
                block = f"### {r.choice(['Nuläge', 'Uppföljning', 'Dialog', 'Alternativ'])}"
            else:
                block = self.paragraph()
            body.append(block)
            used += len(block.encode("utf-8")) + 2
        return "\n\n".join(head + body + tail) + "\n", kind


def thousands(n):
    s = str(n)
    return s if n < 1000 else f"{s[:-3]} {s[-3:]}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100, help="number of cases (directory mode)")
    ap.add_argument("--size-kb", type=float, default=5.0, help="approximate size of a case in KB")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output directory, or file with --single-mb")
    ap.add_argument("--single-mb", type=float, default=None,
                    help="write one Markdown file of about this many MB instead")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)

    if a.single_mb is not None:
        path = a.out
        if os.path.isdir(path):
            path = os.path.join(path, f"single-{a.single_mb}.md")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        goal = int(a.single_mb * 1_000_000)
        parts, total, i = [], 0, 0
        while total < goal:
            text, _ = Writer(rng, i).render(min(goal - total, 8 * 1024))
            parts.append(text)
            total += len(text.encode("utf-8")) + 5
            i += 1
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n---\n\n".join(parts))
        print(json.dumps({"file": path, "cases": i, "bytes": os.path.getsize(path)}))
        return

    os.makedirs(a.out, exist_ok=True)
    kinds = {}
    total = 0
    for i in range(a.n):
        size = int(a.size_kb * 1024 * rng.uniform(0.7, 1.3))
        text, kind = Writer(rng, i).render(size)
        data = text.encode("utf-8")
        with open(os.path.join(a.out, f"arende-{i:05d}.md"), "wb") as f:
            f.write(data)
        kinds[kind] = kinds.get(kind, 0) + 1
        total += len(data)
    manifest = {"generator": "bench/gen_corpus.py", "seed": a.seed, "cases": a.n,
                "size_kb": a.size_kb, "bytes": total, "gender_sections": dict(sorted(kinds.items()))}
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(json.dumps(manifest, ensure_ascii=False))


if __name__ == "__main__":
    main()
