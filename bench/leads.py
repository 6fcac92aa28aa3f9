#!/usr/bin/env python3
"""Writes a CSV list of leads for the import benchmark of bench/run.sh:

    bench/leads.py ROWS FILE

Name, Company, Phone, Email, Title: the columns a CRM export of leads starts with, every
email and phone distinct (so every row is added), names as bench/generate.rs makes them.
A million rows is about 86 MB. Seeded: the same file every time.
"""
import random
import sys

FIRST = ["Ana", "Ben", "Chloé", "Dev", "Eun-ji", "Femi", "Grace", "Hugo", "Ines", "Jonas", "Kaito", "Lena"]
LAST = ["Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Horvat", "Ivanova", "Jensen"]
COMPANIES = ["Lakeside Dental", "Acme Corp", "Fjord AS", "Northwind", "Blue Harbor Inc", "Kestrel & Co"]
TITLES = ["Office Manager", "Owner", "Head of Purchasing", "CFO", ""]

rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
with open(path, "w", encoding="utf-8", newline="") as out:
    out.write("Name,Company,Phone,Email,Title\n")
    for index in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        out.write(
            f"{first} {last} {index},{rng.choice(COMPANIES)},+1 555 {index:07d},"
            f"{first.lower()}.{last.lower()}{index}@example.com,{rng.choice(TITLES)}\n"
        )
