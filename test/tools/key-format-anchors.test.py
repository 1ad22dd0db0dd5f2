"""Checks that every key format in secrets.yaml lists anchors and that every string
its regex matches contains one: strings are generated from the parsed regex (each
alternative of each alternation, random members of each character class, repetition
counts at both ends) and must match the regex and hold an anchor."""
import itertools
import random
import re
import sys

import yaml

try:
    import re._parser as sre_parse  # Python 3.11+
    from re import _constants as C
except ImportError:  # pragma: no cover
    import sre_parse
    import sre_constants as C

rng = random.Random(1)


def members(items):
    """The characters a class [...] accepts (ASCII)."""
    out, negate = set(), False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY:
            out.update({C.CATEGORY_DIGIT: "0123456789", C.CATEGORY_SPACE: " ",
                        C.CATEGORY_WORD: "aZ9_"}.get(av, ""))
    if negate:
        out = {chr(c) for c in range(33, 127)} - out
    return sorted(out)


def gen(tree, choice):
    """One string for the parsed pattern; `choice` picks alternatives."""
    s = ""
    for op, av in tree:
        if op is C.LITERAL:
            s += chr(av)
        elif op is C.NOT_LITERAL:
            s += "x" if chr(av) != "x" else "y"
        elif op is C.ANY:
            s += " "
        elif op is C.IN:
            s += rng.choice(members(av))
        elif op is C.CATEGORY:
            s += {C.CATEGORY_DIGIT: "7", C.CATEGORY_SPACE: " "}.get(av, "a")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            n = choice(("rep", lo, hi), [lo, min(max(lo, 1), 200), min(hi, lo + 3)])
            s += "".join(gen(sub, choice) for _ in range(n))
        elif op is C.SUBPATTERN:
            s += gen(av[-1], choice)
        elif op is C.BRANCH:
            alts = av[1]
            s += gen(alts[choice(("alt", id(alts)), list(range(len(alts))))], choice)
        elif op is C.AT:
            pass
        else:
            raise ValueError(f"unsupported regex construct {op}")
    return s


formats = yaml.safe_load(open(sys.argv[1]))["key-formats"]
bad = []
for f in formats:
    anchors = f.get("anchors") or []
    if not anchors:
        bad.append(f"{f['id']}: no anchors")
        continue
    rx = re.compile(f["regex"])
    tree = sre_parse.parse(f["regex"])
    matched = 0
    for trial in range(60):
        picks = {}

        def choice(key, options):
            if key not in picks:
                picks[key] = options[(trial + len(picks)) % len(options)] if trial < 30 \
                    else rng.choice(options)
            return picks[key]

        text = " " + gen(tree, choice) + " "
        if not rx.search(text):
            continue  # a generated string the regex rejects (\b, lazy parts): skip it
        matched += 1
        if not any(re.search(r"\b" + re.escape(a[2:]), text) if a.startswith("\\b")
                   else a in text for a in anchors):
            bad.append(f"{f['id']}: {text.strip()!r} matches but holds no anchor")
            break
    if not matched:
        bad.append(f"{f['id']}: no generated string matches its regex (cannot check)")
for b in bad:
    print(b)
print(f"{len(formats)} key formats, " + ("every one anchored" if not bad else "BROKEN"))
