#!/usr/bin/env python3
"""The food composition table the hub ships: USDA SR28 foods and household portions, per 100 g.

Reads foods.csv.gz, portions.csv.gz and (for ethyl alcohol, nutrient 221) nutrients_long.csv.gz
of the SR28 conversion (see data/food/README.md) and writes data/food/sr28-foods.json.gz, which the
hub loads into its food search at start. Values stay as published; an empty cell (no value in
SR28) stays null, never zero.

    python3 scripts/convert-food-table.py ../shared/data/food data/food/sr28-foods.json.gz
"""
import csv
import gzip
import io
import json
import sys

NUTRIENTS = ["kcal", "protein_g", "fat_g", "carbs_g", "sugars_g", "fiber_g", "sodium_mg", "water_g", "caffeine_mg"]
# Not among foods.csv's columns: taken from the long table by its SR28 nutrient number.
LONG_NUTRIENTS = {"alcohol_g": "221"}


def number(text):
    return None if text == "" else float(text)


def main(source, target):
    with gzip.open(f"{source}/foods.csv.gz", "rt", encoding="utf-8", newline="") as f:
        foods = [[row["id"], row["name"], row["category"], *[number(row[n]) for n in NUTRIENTS]] for row in csv.DictReader(f)]
    long_values = {name: {} for name in LONG_NUTRIENTS}
    with gzip.open(f"{source}/nutrients_long.csv.gz", "rt", encoding="utf-8", newline="") as f:
        wanted = {number_: name for name, number_ in LONG_NUTRIENTS.items()}
        for row in csv.DictReader(f):
            name = wanted.get(row["nutr_no"])
            if name is not None:
                long_values[name][row["id"]] = number(row["value"])
    for food in foods:
        food.extend(long_values[name].get(food[0]) for name in LONG_NUTRIENTS)
    portions = {}
    with gzip.open(f"{source}/portions.csv.gz", "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            portions.setdefault(row["id"], []).append([int(row["seq"]), row["portion_desc"], number(row["portion_g"])])
    for food in foods:
        food.append([[desc, grams] for _, desc, grams in sorted(portions.get(food[0], []))])
    table = {
        "source": "USDA National Nutrient Database for Standard Reference, Release 28 (SR28), public domain",
        "version": "sr28-2",
        "columns": ["id", "name", "category", *NUTRIENTS, *LONG_NUTRIENTS, "portions"],
        "foods": foods,
    }
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    # mtime 0: the same input makes the same bytes.
    with open(target, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    print(f"{len(foods)} foods, {sum(len(f[-1]) for f in foods)} portions -> {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
