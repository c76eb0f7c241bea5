"""Shared helpers for the hand-written gold builders (build_seeds_gold.py, build_wire_gold.py).

The annotations themselves are written by hand in the builders, one item per
line, as (text, occurrence index, fields...). This module only turns them into
the docs schema of src/output/mod.rs: it finds the byte offsets of the n-th
occurrence of each text (counting whole-word occurrences only, 0-based), looks
up the sentence index, and checks everything it can:

- text[start:end] == the annotated text (byte offsets into the file as read,
  the ` date ... ` prefix included);
- every mention lies inside one sentence;
- items of a category are written in document order (catches a wrong
  occurrence index);
- enumerated fields take allowed values;
- a claim whose span is also a number mention has the number's value/min/max/approx;
- an attack claim's place is one of the document's place names, and its perpetrator,
  target and source are canonical actor names (the document's or the shared ones).

Nothing here decides a value: every value comes from the builders.
"""

import json
import pathlib

DATE_TYPES = {"DATE", "TIME", "DURATION", "SET"}
DATE_MODS = {"START", "MID", "END", "APPROX", "BEFORE", "AFTER"}
ACTOR_TYPES = {"person", "military", "armed_group", "government", "international", "media", "other"}
PLACE_KINDS = {"country", "region", "city", "locality", "water", "other"}
OUTCOMES = {"killed", "wounded", "missing", "survivors", "captured", "displaced"}
VICTIMS = {"soldiers", "civilians", "attackers", "peacekeepers", "people"}
COUNTRIES = {"ML", "NE", "BF", "FR", "TD", "MR", "RU", "GB", "US", None}


# ---- item constructors (used by the builders) ---------------------------------


def S(text, occ=0):
    """Start of a sentence: the first words of the sentence."""
    return {"text": text, "occ": occ}


def D(text, occ, value, type="DATE", mod=None, alt=None):
    """A date / time / duration mention."""
    assert type in DATE_TYPES, type
    assert mod is None or mod in DATE_MODS, mod
    d = {"text": text, "occ": occ, "value": value, "type": type}
    if mod:
        d["mod"] = mod
    if alt:
        d["alt"] = list(alt)
    return d


def N(text, occ, value, unit, lo="=", hi="=", approx=False):
    """A number. lo/hi default to the value (exact); None is an open side."""
    return {
        "text": text,
        "occ": occ,
        "value": value,
        "min": value if lo == "=" else lo,
        "max": value if hi == "=" else hi,
        "approx": approx,
        "unit": unit,
    }


def P(text, occ, name, country, kind, lat=None, lon=None, parent=None):
    """A place."""
    assert kind in PLACE_KINDS, kind
    assert country in COUNTRIES, country
    return {
        "text": text,
        "occ": occ,
        "name": name,
        "country": country,
        "lat": lat,
        "lon": lon,
        "kind": kind,
        "parent": parent,
    }


def A(text, occ, name, type, country=None, role=None):
    """An actor."""
    assert type in ACTOR_TYPES, type
    assert country in COUNTRIES, country
    a = {"text": text, "occ": occ, "name": name, "type": type}
    if country:
        a["country"] = country
    if role:
        a["role"] = role
    return a


def C(text, occ, outcome, victims, count, lo="=", hi="=", approx=False, place=None,
      place_from=None, date=None, date_from=None, source=None, revision=False, revised=False):
    """A casualty claim; `text` is the count and its head (usually the number mention)."""
    assert outcome in OUTCOMES, outcome
    assert victims in VICTIMS, victims
    assert place_from in (None, "sentence", "document")
    assert date_from in (None, "sentence", "document")
    c = {
        "text": text,
        "occ": occ,
        "kind": "casualties",
        "outcome": outcome,
        "victims": victims,
        "count": count,
        "min": count if lo == "=" else lo,
        "max": count if hi == "=" else hi,
        "approx": approx,
        "place": place,
        "date": date,
        "source": source,
    }
    if place_from:
        c["place_from"] = place_from
    if date_from:
        c["date_from"] = date_from
    if revision:
        c["revision"] = True
    if revised:
        c["revised"] = True
    return c


def AT(text, occ, place=None, place_from=None, date=None, date_from=None, source=None,
       perpetrator=None, target=None):
    """An attack event; `text` is the trigger phrase (« attaque terroriste », « attacked »).

    One per attack event per document, on its first explicit mention (README, Attacks).
    `perpetrator` / `target` are canonical actor names, left out where the document
    states none; place/date/source as for casualty claims.
    """
    assert place_from in (None, "sentence", "document")
    assert date_from in (None, "sentence", "document")
    assert (place is None) == (place_from is None), (text, "place without place_from")
    assert (date is None) == (date_from is None), (text, "date without date_from")
    c = {
        "text": text,
        "occ": occ,
        "kind": "attack",
        "approx": False,
        "place": place,
        "date": date,
        "source": source,
    }
    if place_from:
        c["place_from"] = place_from
    if date_from:
        c["date_from"] = date_from
    if perpetrator:
        c["perpetrator"] = perpetrator
    if target:
        c["target"] = target
    return c


# ---- shared canonical entries --------------------------------------------------------
# Places: coordinates only where known with confidence (None otherwise; eval does not
# score coordinates). Actors: canonical names from notes/common.md.

PLACES = {
    "Mali": dict(name="Mali", country="ML", kind="country", lat=17.57, lon=-3.99),
    "Niger": dict(name="Niger", country="NE", kind="country", lat=17.61, lon=8.08),
    "Burkina Faso": dict(name="Burkina Faso", country="BF", kind="country", lat=12.24, lon=-1.56),
    "Bamako": dict(name="Bamako", country="ML", kind="city", lat=12.64, lon=-8.00, parent="Mali"),
    "Niamey": dict(name="Niamey", country="NE", kind="city", lat=13.51, lon=2.11, parent="Niger"),
    "Ouagadougou": dict(name="Ouagadougou", country="BF", kind="city", lat=12.37, lon=-1.52,
                        parent="Burkina Faso"),
    "Indelimane": dict(name="Indelimane", country="ML", kind="locality", parent="Ansongo"),
    "Ansongo town": dict(name="Ansongo", country="ML", kind="locality", lat=15.66, lon=0.50, parent="Gao"),
    "Ansongo cercle": dict(name="Ansongo", country="ML", kind="region", lat=15.66, lon=0.50, parent="Gao"),
    "Ménaka": dict(name="Ménaka", country="ML", kind="city", lat=15.92, lon=2.40),
    "Ménaka region": dict(name="Ménaka", country="ML", kind="region", parent="Mali"),
    "Boulkessy": dict(name="Boulkessy", country="ML", kind="locality", parent="Mopti"),
    "Mondoro": dict(name="Mondoro", country="ML", kind="locality", parent="Mopti"),
    "Tillabéri region": dict(name="Tillabéri", country="NE", kind="region", parent="Niger"),
}

ACTORS = {
    "FAMa": dict(name="Forces armées maliennes", type="military", country="ML"),
    "FAN": dict(name="Forces armées nigériennes", type="military", country="NE"),
    "FAB": dict(name="Forces armées burkinabè", type="military", country="BF"),
    "VDP": dict(name="Volontaires pour la défense de la patrie", type="military", country="BF"),
    "Gouvernement du Mali": dict(name="Gouvernement du Mali", type="government", country="ML"),
    "Sangaré": dict(name="Yaya Sangaré", type="person", country="ML"),
    "Keïta": dict(name="Ibrahim Boubacar Keïta", type="person", country="ML"),
    "jihadistes": dict(name="jihadistes", type="armed_group"),
    "assaillants": dict(name="assaillants", type="armed_group"),
    "hommes armés": dict(name="hommes armés", type="armed_group"),
    "EIGS": dict(name="État islamique au Grand Sahara", type="armed_group"),
    "GSIM": dict(name="Groupe de soutien à l'islam et aux musulmans", type="armed_group"),
    "Al-Qaïda": dict(name="Al-Qaïda", type="armed_group"),
    "AFP": dict(name="Agence France-Presse", type="media", country="FR"),
    "Reuters": dict(name="Reuters", type="media", country="GB"),
    "AP": dict(name="Associated Press", type="media", country="US"),
    "MINUSMA": dict(name="MINUSMA", type="international"),
    "ONU": dict(name="Organisation des Nations unies", type="international"),
    "Barkhane": dict(name="Opération Barkhane", type="military", country="FR"),
    "source militaire": dict(name="source militaire", type="military"),
    "source sécuritaire": dict(name="source sécuritaire", type="other"),
    "source locale": dict(name="source locale", type="other"),
}


def pl(text, occ, key=None, **override):
    """A place from PLACES (key defaults to the text), fields overridable."""
    base = {**PLACES[key or text], **override}
    return P(text, occ, base.pop("name"), base.pop("country"), base.pop("kind"), **base)


def ac(text, occ, key=None, **override):
    """An actor from ACTORS (key defaults to the text), fields overridable (e.g. role)."""
    return A(text, occ, **{**ACTORS[key or text], **override})


# ---- building ---------------------------------------------------------------------


def _word_char(ch):
    return ch.isalnum() or ch == "_"


def _find(text, needle, occ):
    """Char index of the occ-th whole-word occurrence of needle in text."""
    seen = -1
    pos = text.find(needle)
    while pos >= 0:
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + len(needle)] if pos + len(needle) < len(text) else " "
        left_ok = not (_word_char(needle[0]) and _word_char(before))
        right_ok = not (_word_char(needle[-1]) and _word_char(after))
        if left_ok and right_ok:
            seen += 1
            if seen == occ:
                return pos
        pos = text.find(needle, pos + 1)
    raise AssertionError(f"{needle!r} occurrence {occ} not found")


class Builder:
    def __init__(self, path, doc_date, lang, sentences):
        self.path = pathlib.Path(path)
        self.id = self.path.stem
        self.raw = self.path.read_bytes()
        self.text = self.raw.decode("utf-8")
        self.doc_date = doc_date
        self.lang = lang
        if doc_date is not None:
            prefix = f" date {doc_date} "
            assert self.text.startswith(prefix), (self.id, "date prefix")
        self.sentences = self._sentences(sentences)

    def _byte(self, char_pos):
        return len(self.text[:char_pos].encode("utf-8"))

    def span(self, needle, occ):
        c = _find(self.text, needle, occ)
        start = self._byte(c)
        end = start + len(needle.encode("utf-8"))
        assert self.raw[start:end].decode("utf-8") == needle
        return start, end

    def _sentences(self, starts):
        pos = [self.span(s["text"], s["occ"])[0] for s in starts]
        assert pos == sorted(pos) and len(set(pos)) == len(pos), (self.id, "sentence order")
        out = []
        for i, p in enumerate(pos):
            nxt = pos[i + 1] if i + 1 < len(pos) else len(self.raw)
            end = p + len(self.raw[p:nxt].rstrip())
            out.append({"start": p, "end": end})
        return out

    def sentence_of(self, start, end):
        for i, s in enumerate(self.sentences):
            if s["start"] <= start and end <= s["end"]:
                return i
        raise AssertionError(f"{self.id}: span {start}..{end} is not inside one sentence")

    def _place(self, items, category, strict=True):
        out = []
        last = -1
        for it in items:
            it = dict(it)
            text, occ = it.pop("text"), it.pop("occ")
            start, end = self.span(text, occ)
            if strict:
                assert start > last, (self.id, category, text, "not in document order")
            else:
                assert start >= last, (self.id, category, text, "not in document order")
            last = start
            head = {"text": text, "start": start, "end": end, "sentence": self.sentence_of(start, end)}
            if category == "claims":
                kind = it.pop("kind")
                assert kind in ("casualties", "attack"), kind
                rec = {"kind": kind, **it, **head}
            else:
                rec = {**head, **it}
            out.append(rec)
        return out

    def record(self, dates, numbers, places, actors, claims):
        nums = {(n["start"], n["end"]): n for n in self._place(numbers, "numbers")}
        cls = self._place(claims, "claims", strict=False)
        for c in cls:
            n = nums.get((c["start"], c["end"]))
            if n is not None and c["kind"] == "casualties":
                for a, b in (("count", "value"), ("min", "min"), ("max", "max"), ("approx", "approx")):
                    assert c[a] == n[b], (self.id, c["text"], a, c[a], n[b])
        places = self._place(places, "places")
        actors = self._place(actors, "actors")
        place_names = {p["name"] for p in places}
        actor_names = {a["name"] for a in actors} | {a["name"] for a in ACTORS.values()}
        for c in cls:
            if c["kind"] != "attack":
                continue
            assert c["place"] is None or c["place"] in place_names, (self.id, c["text"], c["place"])
            for role in ("perpetrator", "target", "source"):
                name = c.get(role)
                assert name is None or name in actor_names, (self.id, c["text"], role, name)
        return {
            "doc": self.id,
            "lang": self.lang,
            "doc_date": self.doc_date,
            "sentences": self.sentences,
            "dates": self._place(dates, "dates"),
            "numbers": list(nums.values()),
            "places": places,
            "actors": actors,
            "claims": cls,
        }


def write(records, out_path):
    out_path = pathlib.Path(out_path)
    with out_path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for r in records:
        counts = {k: len(r[k]) for k in ("sentences", "dates", "numbers", "places", "actors", "claims")}
        print(r["doc"], counts)


def review(records, texts):
    """Prints every item with its sentence index and context, for checking by eye."""
    for r in records:
        raw = texts[r["doc"]]
        print("=" * 20, r["doc"])
        for cat in ("dates", "numbers", "places", "actors", "claims"):
            for it in r[cat]:
                ctx = raw[max(0, it["start"] - 25):it["end"] + 15].decode("utf-8", "replace").replace("\n", " ")
                keys = {k: v for k, v in it.items() if k not in ("text", "start", "end", "sentence", "lat", "lon")}
                print(f"{cat[:4]} s{it['sentence']:<2} {it['text']!r:32} {ctx!r}\n      {keys}")
