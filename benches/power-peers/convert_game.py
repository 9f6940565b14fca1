#!/usr/bin/env python3
"""Convert a power-peers game (tool-neutral JSON) into a `.concord` agreement, exactly.

Usage: convert_game.py GAME.json > game.concord      (exit 3: the game cannot be expressed)

Game format (see the peers' README): {"name", "players": [...], "rule": RULE} with
RULE = {"weighted": {"weights": [int], "quota": int}} | {"and": [RULE...]} | {"or": [RULE...]};
a coalition satisfies `weighted` when its members' weights add up to at least the quota.

How each weighted condition is written (every one exact, under full attendance):
- weights 0/1 on a set of players: a head count, `at least Q members in favour`, or, when the
  set is not everyone, `at least Q K members in favour` with a kind K given to exactly that set;
  a set of one player with quota 1 is `P in favour`;
- other weights: the decision votes `as set for each member` (`votes N` per member) and the
  condition is `at least Q/T of eligible votes in favour`, T the total weight of its players
  (with a kind filter when they are not everyone): T' >= (Q/T)*T, i.e. weight in favour >= Q.
A Concord decision has one weighting, so every weighted condition of a game must agree on the
weight of each player it counts. A game with two different weightings (the EU Nice triple
majority: votes and population) cannot be expressed exactly and exits 3, as the harness expects.
"""
import json
import re
import sys

UNSUPPORTED = 3
RESERVED = {"commissioners", "unanimous", "eligible", "members", "member", "every", "fewer",
            "votes", "bloc", "each", "half", "less", "more", "only", "vote", "all", "and", "any",
            "not", "the", "an", "at", "no", "or", "a", "kinds", "kind", "voting", "decision",
            "agreement", "passes", "if", "in", "of", "by", "to"}


class Unsupported(Exception):
    pass


def ident(name, taken):
    base = re.sub(r"[^A-Za-z0-9_-]", "-", name)
    if not base or not base[0].isalpha():
        base = "p-" + base
    if base.lower() in RESERVED:
        base = "m-" + base
    out, i = base, 2
    while out.lower() in taken:
        out, i = f"{base}-{i}", i + 1
    taken.add(out.lower())
    return out


def leaves(rule):
    if "weighted" in rule:
        yield rule["weighted"]
    else:
        (op, parts), = rule.items()
        for p in parts:
            yield from leaves(p)


def convert(game):
    players = game["players"]
    n = len(players)
    taken = set()
    keys = [ident(p, taken) for p in players]
    # The one weighting of votes, from the conditions that are not head counts.
    votes = [None] * n
    for leaf in leaves(game["rule"]):
        w = leaf["weights"]
        if len(w) != n or any(x < 0 for x in w):
            raise Unsupported("a condition does not give one non-negative weight per player")
        if all(x in (0, 1) for x in w):
            continue
        for i, x in enumerate(w):
            if x == 0:
                continue
            if votes[i] is not None and votes[i] != x:
                raise Unsupported(
                    f"{players[i]} weighs {votes[i]} in one condition and {x} in another; a Concord "
                    "decision has one weighting of votes")
            votes[i] = x
    weighted = any(v is not None for v in votes)
    kinds = {}  # frozenset of players -> kind name

    def kind_for(support):
        if len(support) == n:
            return None
        if support not in kinds:
            kinds[support] = f"group{len(kinds) + 1}"
        return kinds[support]

    def condition(leaf):
        w, q = leaf["weights"], leaf["quota"]
        support = frozenset(i for i, x in enumerate(w) if x > 0)
        total = sum(w)
        if q <= 0 or total < q or not support:
            raise Unsupported("a condition that always or never holds")
        if all(x in (0, 1) for x in w):
            if len(support) == 1 and q == 1:
                return f"{keys[next(iter(support))]} in favour"
            k = kind_for(support)
            return f"at least {q} {k + ' ' if k else ''}members in favour"
        k = kind_for(support)
        return f"at least {q}/{total} of eligible {k + ' ' if k else ''}votes in favour"

    def expr(rule, top):
        if "weighted" in rule:
            return condition(rule["weighted"])
        (op, parts), = rule.items()
        if op not in ("and", "or") or not parts:
            raise Unsupported(f"unknown rule {op!r}")
        inner = f" {op} ".join(expr(p, False) for p in parts)
        return inner if top or len(parts) == 1 else f"({inner})"

    rule_text = expr(game["rule"], True)
    out = [f"# {game['name']}: converted from the power-peers game format by convert_game.py",
           f"# {game.get('note', '')}".rstrip(), "",
           f"agreement \"{game['name']}\""]
    if kinds:
        out.append("  kinds " + ", ".join(kinds[s] for s in kinds))
    out.append("")
    for i, key in enumerate(keys):
        out.append(f"member {key} \"{players[i]}\"")
        mine = [kinds[s] for s in kinds if i in s]
        if mine:
            out.append("  kinds " + ", ".join(mine))
        if weighted:
            out.append(f"  votes {votes[i] or 0}")
    out.append("")
    out.append("voting as set for each member" if weighted else "voting one member one vote")
    out.append("")
    out.append('decision "pass"')
    out.append(f"  passes if {rule_text}")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1]) as f:
        game = json.load(f)
    try:
        text = convert(game)
    except Unsupported as e:
        print(f"convert_game: {game.get('name', sys.argv[1])}: cannot be expressed exactly: {e}",
              file=sys.stderr)
        sys.exit(UNSUPPORTED)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
