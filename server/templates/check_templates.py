#!/usr/bin/env python3
"""Validate the bundled Yardstick programme templates and survey instruments.

Usage:  python3 check.py [TEMPLATES_DIR]      (default: the directory of this script)
Exit status 0 when everything passes, 1 otherwise. Standard library only.
"""
import json
import os
import re
import sys

LANGS = ["en", "fr", "de", "it"]
TYPES = {"likert5", "scale", "boolean", "single", "multiple", "integer", "decimal", "text", "date"}
KEY_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
INSTRUMENT_KEY_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
QUESTION_FIELDS = {"key", "type", "text", "hint", "required", "relevant", "constraint", "constraint_message",
                   "personal", "choices", "min", "max", "anchors", "max_length"}
TOP_FIELDS = {"key", "version", "wave", "respondent", "languages", "title", "consent", "sections"}

# ----------------------------------------------------------------------------- expected content
L5 = {"type": "likert5"}
BOOL = {"type": "boolean"}
NPS = {"type": "scale", "min": 0, "max": 10}
SKILL = {"type": "scale", "min": 0, "max": 5, "anchors": True}
MULTI = {"type": "multiple"}
STAFF = {"type": "integer", "min": 1, "max": 100000, "constraint": ". >= 1"}

COMPANY_POST = {"matched_needs": L5, "crossborder_business": L5, "new_products_services": L5,
                "skills_benefit_company": L5, "would_participate_again": BOOL, "recommend": NPS}
COMPANY_PRE = {"expect_crossborder_business": L5, "expect_new_products_services": L5, "exchange_goals": MULTI,
               "crossborder_active": BOOL, "staff_count": STAFF}
SKILLS = {"skill_technical": SKILL, "skill_language": SKILL, "skill_intercultural": SKILL,
          "skill_business_abroad": SKILL}
DII_KEYS = ["dii_%02d" % i for i in range(1, 13)]
DII = {k: BOOL for k in DII_KEYS}
ACTIVITY_VALUES = ["digital_marketing", "cms_crm", "digital_footprint", "smart_labels"]
SKILLS_PROFILE = {
    "target_group": {"type": "single", "values": ["it_professional", "advanced_user", "manager"]},
    "company_size": {"type": "single", "values": ["micro", "small", "medium", "large"]},
    "sector": {"type": "single"},
    "training_interest": {"type": "multiple"},
}
SKILLS_ROUNDS = ["skills-self-assessment", "skills-self-assessment-2019"]

EXPECTED = {
    # template dir -> {instrument key: (respondent, wave, {question key: spec}, (min extra, max extra) or None)}
    "mobilisesme": {
        "mobilisesme-sending-pre": ("sending", "pre", COMPANY_PRE, None),
        "mobilisesme-sending-post": ("sending", "post", COMPANY_POST, (2, 4)),
        "mobilisesme-hosting-pre": ("hosting", "pre", COMPANY_PRE, None),
        "mobilisesme-hosting-post": ("hosting", "post", COMPANY_POST, (2, 4)),
        "mobilisesme-employee-pre": ("employee", "pre", dict(SKILLS, expect_professional_development=L5,
                                                           languages_spoken={"type": "integer", "min": 0, "max": 10},
                                                           previous_stay_abroad=BOOL), None),
        "mobilisesme-employee-post": ("employee", "post", dict(SKILLS, professional_development=L5,
                                                             career_opportunities=L5, skills_benefit_company=L5,
                                                             recommend=NPS), (1, 3)),
    },
    "digital-volunteers": {
        "dv-sme-pre": ("sme", "pre", DII, None),
        "dv-sme-post": ("sme", "post", dict(DII, activities=MULTI, mentoring_useful=L5, recommend=NPS), None),
        "dv-mentor-post": ("mentor", "post", dict(activities=MULTI, sme_progress=L5, would_mentor_again=BOOL),
                           None),
    },
    # one instrument per survey round, the same questions in each so that the rounds compare
    "skills-monitor": {
        "skills-self-assessment": ("respondent", "2018", SKILLS_PROFILE, None),
        "skills-self-assessment-2019": ("respondent", "2019", SKILLS_PROFILE, None),
    },
}
# The scheduler's settings (README, "The programme lifecycle"): MobiliseSME sends the
# post-survey two days after an exchange ends; skills-monitor rounds are not scheduled.
def schedule(enabled):
    return {"enabled": enabled, "pre_days_before_start": None, "post_days_after_end": 2, "reminder_after_days": 7,
            "reminder_max": 2, "close_wave_after_days": 30, "invitation_valid_days": 60}


PROGRAMME_SETTINGS = {
    "mobilisesme": ("exchange", {"exchange_min_days": 14, "exchange_max_days": 61, "suppression_threshold": 5,
                                 "contact": "team@mobilisesme.example", "retention_days": 365,
                                 "schedule": schedule(True)}),
    "digital-volunteers": ("mentoring", {"suppression_threshold": 5, "contact": "team@digital-volunteers.example",
                                         "retention_days": 365, "schedule": schedule(True)}),
    "skills-monitor": ("skills-monitor", {"suppression_threshold": 5, "contact": "team@skills-monitor.example",
                                          "retention_days": 365, "schedule": schedule(False)}),
}


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: %s" % (where, msg))


R = Report()


# ----------------------------------------------------------------------------- text objects
CHECKED = set()


def check_text(where, obj, rep=R):
    """A translatable text: exactly en/fr/de/it, non-empty strings, translations differ from English."""
    CHECKED.add(id(obj))
    if not isinstance(obj, dict):
        rep.err(where, "text object expected, got %s" % type(obj).__name__)
        return
    keys = set(obj)
    if keys != set(LANGS):
        rep.err(where, "languages must be exactly %s, got %s" % (LANGS, sorted(keys)))
    for lang in LANGS:
        v = obj.get(lang)
        if not isinstance(v, str) or not v.strip():
            rep.err(where, "missing or empty '%s' text" % lang)
    en = obj.get("en")
    if isinstance(en, str):
        for lang in LANGS[1:]:
            v = obj.get(lang)
            if isinstance(v, str) and v.strip().casefold() == en.strip().casefold():
                rep.err(where, "'%s' text is identical to English: %r" % (lang, v))
    for lang, v in obj.items():
        if isinstance(v, str) and (v != v.strip() or "  " in v):
            rep.warn(where, "'%s' text has stray whitespace" % lang)


def find_text_objects(node, path, out):
    """Every dict carrying an 'en' key anywhere in the document is a translatable text."""
    if isinstance(node, dict):
        if "en" in node:
            out.append((path, node))
            return
        for k, v in node.items():
            find_text_objects(v, "%s.%s" % (path, k), out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            find_text_objects(v, "%s[%d]" % (path, i), out)


# ----------------------------------------------------------------------------- expression language
TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<ref>\$\{(?P<refname>[a-z][a-z0-9_]*)\})
  | (?P<number>\d+(\.\d+)?)
  | (?P<string>'[^']*')
  | (?P<op><=|>=|!=|=|<|>)
  | (?P<lpar>\()
  | (?P<rpar>\))
  | (?P<comma>,)
  | (?P<dot>\.)
  | (?P<word>[a-z][a-z-]*)
""", re.VERBOSE)
KEYWORDS = {"and", "or", "not", "true", "false", "selected", "count-selected"}


def tokenize(expr):
    pos, toks = 0, []
    while pos < len(expr):
        m = TOKEN_RE.match(expr, pos)
        if not m:
            raise ValueError("unexpected character %r at %d" % (expr[pos], pos))
        pos = m.end()
        kind = m.lastgroup if m.lastgroup != "refname" else "ref"
        if m.group("ws"):
            continue
        if m.group("ref"):
            toks.append(("ref", m.group("refname")))
        elif kind == "word":
            w = m.group("word")
            if w not in KEYWORDS:
                raise ValueError("unknown word %r" % w)
            toks.append(("kw", w))
        else:
            toks.append((kind, m.group(kind)))
    return toks


class Parser:
    """Recursive-descent parser for the relevance/constraint language. Collects ${} references."""

    def __init__(self, expr, allow_dot):
        self.toks = tokenize(expr)
        self.i = 0
        self.allow_dot = allow_dot
        self.refs = []
        self.uses_dot = False

    def peek(self, kind=None, val=None):
        if self.i >= len(self.toks):
            return False
        k, v = self.toks[self.i]
        return (kind is None or k == kind) and (val is None or v == val)

    def take(self, kind, val=None):
        if not self.peek(kind, val):
            got = self.toks[self.i] if self.i < len(self.toks) else ("end", "")
            raise ValueError("expected %s%s, got %s %r" % (kind, " " + val if val else "", got[0], got[1]))
        self.i += 1
        return self.toks[self.i - 1][1]

    def parse(self):
        self.expr()
        if self.i != len(self.toks):
            raise ValueError("trailing tokens from %r" % (self.toks[self.i][1],))

    def expr(self):
        self.conj()
        while self.peek("kw", "or"):
            self.i += 1
            self.conj()

    def conj(self):
        self.comparison()
        while self.peek("kw", "and"):
            self.i += 1
            self.comparison()

    def comparison(self):
        self.primary()
        if self.peek("op"):
            self.i += 1
            self.primary()

    def primary(self):
        if self.peek("lpar"):
            self.i += 1
            self.expr()
            self.take("rpar")
        elif self.peek("kw", "not"):
            self.i += 1
            self.take("lpar")
            self.expr()
            self.take("rpar")
        elif self.peek("kw", "selected"):
            self.i += 1
            self.take("lpar")
            self.refs.append(self.take("ref"))
            self.take("comma")
            self.take("string")
            self.take("rpar")
        elif self.peek("kw", "count-selected"):
            self.i += 1
            self.take("lpar")
            self.refs.append(self.take("ref"))
            self.take("rpar")
        elif self.peek("ref"):
            self.refs.append(self.take("ref"))
        elif self.peek("dot"):
            if not self.allow_dot:
                raise ValueError("'.' is only allowed in constraints")
            self.uses_dot = True
            self.i += 1
        elif self.peek("number") or self.peek("string") or self.peek("kw", "true") or self.peek("kw", "false"):
            self.i += 1
        else:
            got = self.toks[self.i] if self.i < len(self.toks) else ("end", "")
            raise ValueError("unexpected %s %r" % got)


def check_expression(where, expr, allow_dot, earlier, all_questions):
    if not isinstance(expr, str) or not expr.strip():
        R.err(where, "expression must be a non-empty string")
        return
    try:
        p = Parser(expr, allow_dot)
        p.parse()
    except ValueError as e:
        R.err(where, "invalid expression %r: %s" % (expr, e))
        return
    for ref in p.refs:
        if ref not in earlier:
            if ref in all_questions:
                R.err(where, "${%s} refers to a question that is not earlier in the instrument" % ref)
            else:
                R.err(where, "${%s} refers to an unknown question" % ref)
    # selected()/count-selected() only make sense on multiple/single questions
    for m in re.finditer(r"(count-selected|selected)\(\s*\$\{([a-z0-9_]+)\}", expr):
        target = all_questions.get(m.group(2))
        if target and target.get("type") not in ("single", "multiple"):
            R.err(where, "%s() used on non-choice question %s" % (m.group(1), m.group(2)))
        if target and m.group(1) == "selected":
            val = re.match(r"[^,]*,\s*'([^']*)'", expr[m.end():])
            values = {c.get("value") for c in target.get("choices", [])}
            if val and val.group(1) not in values:
                R.err(where, "selected(${%s}, '%s'): no such choice" % (m.group(2), val.group(1)))
    if allow_dot and not p.uses_dot:
        R.warn(where, "constraint %r does not use '.'" % expr)


# ----------------------------------------------------------------------------- instrument checks
def check_question(where, qn, earlier, all_questions):
    unknown = set(qn) - QUESTION_FIELDS
    if unknown:
        R.err(where, "unknown fields %s" % sorted(unknown))
    qtype = qn.get("type")
    if qtype not in TYPES:
        R.err(where, "unknown type %r" % qtype)
    check_text(where + ".text", qn.get("text"))
    for f in ("hint", "constraint_message"):
        if f in qn:
            check_text("%s.%s" % (where, f), qn[f])
    for f in ("required", "personal"):
        if f in qn and not isinstance(qn[f], bool):
            R.err(where, "'%s' must be a boolean" % f)
    if "constraint" in qn and "constraint_message" not in qn:
        R.warn(where, "constraint without constraint_message")
    if "constraint_message" in qn and "constraint" not in qn:
        R.err(where, "constraint_message without constraint")

    if qtype in ("single", "multiple"):
        choices = qn.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            R.err(where, "%s question needs at least two choices" % qtype)
            choices = []
        seen = set()
        for j, c in enumerate(choices):
            cw = "%s.choices[%d]" % (where, j)
            if not isinstance(c, dict) or set(c) != {"value", "label"}:
                R.err(cw, "choice must have exactly 'value' and 'label'")
                continue
            v = c["value"]
            if not isinstance(v, str) or not KEY_RE.match(v):
                R.err(cw, "choice value %r is not lowercase snake_case ASCII" % (v,))
            if v in seen:
                R.err(cw, "duplicate choice value %r" % v)
            seen.add(v)
            check_text(cw + ".label", c["label"])
    elif "choices" in qn:
        R.err(where, "choices are only allowed on single/multiple questions (got %s)" % qtype)

    if qtype == "likert5":
        for f in ("min", "max", "anchors"):
            if f in qn:
                R.err(where, "likert5 must not define %s (labels come from the interface)" % f)
    if qtype == "scale":
        mn, mx = qn.get("min"), qn.get("max")
        if not (isinstance(mn, int) and isinstance(mx, int) and not isinstance(mn, bool) and mn < mx):
            R.err(where, "scale needs integer min < max")
        anchors = qn.get("anchors")
        if anchors is not None:
            if not isinstance(anchors, dict) or set(anchors) - {"min", "max"} or not anchors:
                R.err(where, "anchors must be an object with 'min' and/or 'max'")
            else:
                for k, v in anchors.items():
                    check_text("%s.anchors.%s" % (where, k), v)
    elif "anchors" in qn:
        R.err(where, "anchors are only allowed on scale questions")
    if qtype in ("integer", "decimal"):
        mn, mx = qn.get("min"), qn.get("max")
        for name, v in (("min", mn), ("max", mx)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                R.err(where, "%s must be a number" % name)
        if isinstance(mn, (int, float)) and isinstance(mx, (int, float)) and mn > mx:
            R.err(where, "min > max")
        if qtype == "integer" and any(isinstance(v, float) for v in (mn, mx)):
            R.err(where, "integer min/max must be integers")
    elif qtype not in ("scale",) and ("min" in qn or "max" in qn):
        R.err(where, "min/max only allowed on scale/integer/decimal questions")
    if qtype == "text":
        ml = qn.get("max_length")
        if not isinstance(ml, int) or isinstance(ml, bool) or ml <= 0:
            R.err(where, "text question needs a positive integer max_length")
        if qn.get("personal") is not True:
            R.warn(where, "free text question is not marked personal")
    elif "max_length" in qn:
        R.err(where, "max_length only allowed on text questions")
    if "personal" in qn and qtype != "text":
        R.warn(where, "'personal' set on a non-text question")

    if "relevant" in qn:
        check_expression(where + ".relevant", qn["relevant"], False, earlier, all_questions)
        if qn.get("required"):
            R.warn(where, "question is both required and conditional")
    if "constraint" in qn:
        check_expression(where + ".constraint", qn["constraint"], True, earlier, all_questions)


def check_instrument(path, template, doc):
    where = os.path.relpath(path, ROOT)
    missing = TOP_FIELDS - set(doc)
    if missing:
        R.err(where, "missing top-level fields %s" % sorted(missing))
    extra = set(doc) - TOP_FIELDS
    if extra:
        R.err(where, "unknown top-level fields %s" % sorted(extra))
    key = doc.get("key")
    if not isinstance(key, str) or not INSTRUMENT_KEY_RE.match(key):
        R.err(where, "bad instrument key %r" % (key,))
    elif os.path.basename(path) != key + ".json":
        R.err(where, "file name must be <key>.json (key is %r)" % key)
    if not isinstance(doc.get("version"), int) or isinstance(doc.get("version"), bool) or doc.get("version") < 1:
        R.err(where, "version must be a positive integer")
    for f in ("wave", "respondent"):
        if not isinstance(doc.get(f), str) or not doc.get(f):
            R.err(where, "%s must be a non-empty string" % f)
    if doc.get("languages") != LANGS:
        R.err(where, "languages must be %s" % LANGS)
    check_text(where + ".title", doc.get("title"))
    consent = doc.get("consent")
    if not isinstance(consent, dict):
        R.err(where, "consent missing")
    else:
        if set(consent) != {"version", "purpose", "audience", "statement"}:
            R.err(where, "consent must have exactly version, purpose, audience, statement")
        if not isinstance(consent.get("version"), int) or consent.get("version", 0) < 1:
            R.err(where, "consent.version must be a positive integer")
        for f in ("purpose", "audience", "statement"):
            check_text("%s.consent.%s" % (where, f), consent.get(f))
        aud = consent.get("audience", {}).get("en", "") if isinstance(consent.get("audience"), dict) else ""
        if "5" not in aud or "auditor" not in aud.lower():
            R.err(where, "consent.audience must name EU auditors and the 5-respondent threshold")

    sections = doc.get("sections")
    if not isinstance(sections, list) or not sections:
        R.err(where, "sections must be a non-empty list")
        return {}
    if not 2 <= len(sections) <= 6:
        R.warn(where, "%d sections" % len(sections))
    # all questions in order, to tell "earlier" from "later" references
    ordered = []
    section_keys = set()
    for i, s in enumerate(sections):
        sw = "%s.sections[%d]" % (where, i)
        if not isinstance(s, dict) or set(s) != {"key", "title", "questions"}:
            R.err(sw, "section must have exactly key, title, questions")
            continue
        if not isinstance(s["key"], str) or not KEY_RE.match(s["key"]):
            R.err(sw, "bad section key %r" % (s["key"],))
        if s["key"] in section_keys:
            R.err(sw, "duplicate section key %r" % s["key"])
        section_keys.add(s["key"])
        check_text(sw + ".title", s["title"])
        if not isinstance(s["questions"], list) or not s["questions"]:
            R.err(sw, "section has no questions")
            continue
        for j, qn in enumerate(s["questions"]):
            ordered.append(("%s.%s[%d]" % (where, s["key"], j), qn))
    all_questions = {}
    for qw, qn in ordered:
        if not isinstance(qn, dict):
            R.err(qw, "question must be an object")
            continue
        k = qn.get("key")
        if not isinstance(k, str) or not KEY_RE.match(k):
            R.err(qw, "bad question key %r" % (k,))
            continue
        if k in all_questions:
            R.err(qw, "duplicate question key %r" % k)
        all_questions.setdefault(k, qn)
    earlier = set()
    for qw, qn in ordered:
        if not isinstance(qn, dict) or not isinstance(qn.get("key"), str):
            continue
        check_question("%s(%s)" % (qw, qn["key"]), qn, set(earlier), all_questions)
        earlier.add(qn["key"])

    # any text object the structural pass did not reach is still checked
    texts = []
    find_text_objects(doc, where, texts)
    for tw, t in texts:
        if id(t) not in CHECKED:
            check_text(tw, t)

    # expected content for this template
    exp = EXPECTED.get(template, {}).get(key)
    if exp is None:
        R.warn(where, "instrument %r is not in the expected list for template %s" % (key, template))
        return all_questions
    respondent, wave, required_items, extra_range = exp
    if doc.get("respondent") != respondent:
        R.err(where, "respondent must be %r" % respondent)
    if doc.get("wave") != wave:
        R.err(where, "wave must be %r" % wave)
    for qk, spec in required_items.items():
        qn = all_questions.get(qk)
        if qn is None:
            R.err(where, "required item %r is missing" % qk)
            continue
        for f, v in spec.items():
            if f == "anchors":
                if not isinstance(qn.get("anchors"), dict) or set(qn["anchors"]) != {"min", "max"}:
                    R.err(where, "%s must have min and max anchors" % qk)
            elif f == "values":
                got = [c.get("value") for c in qn.get("choices", [])]
                if got != v:
                    R.err(where, "%s choices must be %s, got %s" % (qk, v, got))
            elif qn.get(f) != v:
                R.err(where, "%s.%s must be %r, got %r" % (qk, f, v, qn.get(f)))
    if extra_range:
        n_extra = len(set(all_questions) - set(required_items))
        lo, hi = extra_range
        if not lo <= n_extra <= hi:
            R.warn(where, "%d further items besides the required ones (brief asks %d-%d)" % (n_extra, lo, hi))
    return all_questions


# ----------------------------------------------------------------------------- cross-instrument checks
def q_in_order(doc):
    return [qn for s in doc.get("sections", []) for qn in s.get("questions", [])]


def check_cross(docs):
    def get(key):
        return docs.get(key)

    # employee skills: same keys, same definition pre and post
    pre, post = get("mobilisesme-employee-pre"), get("mobilisesme-employee-post")
    if pre and post:
        a = {q["key"]: q for q in q_in_order(pre) if q["key"].startswith("skill_")}
        b = {q["key"]: q for q in q_in_order(post) if q["key"].startswith("skill_")}
        if a.keys() != b.keys():
            R.err("mobilisesme", "skill_* keys differ between employee pre and post")
        for k in a.keys() & b.keys():
            if a[k] != b[k]:
                R.err("mobilisesme", "%s is defined differently in employee pre and post" % k)
    # DII: same keys, same order, same text pre and post
    pre, post = get("dv-sme-pre"), get("dv-sme-post")
    if pre and post:
        a = [q for q in q_in_order(pre) if q["key"].startswith("dii_")]
        b = [q for q in q_in_order(post) if q["key"].startswith("dii_")]
        if [q["key"] for q in a] != DII_KEYS:
            R.err("dv-sme-pre", "DII items must be dii_01..dii_12 in order")
        if [q["key"] for q in b] != DII_KEYS:
            R.err("dv-sme-post", "DII items must be dii_01..dii_12 in order")
        if a != b:
            R.err("digital-volunteers", "DII items differ between SME pre and post")
    # skills monitor: every later round asks exactly the first round's questions (checked against
    # competences.json), so that the rounds' answers compare
    first = get(SKILLS_ROUNDS[0])
    for key in SKILLS_ROUNDS[1:]:
        later = get(key)
        if first and later and later.get("sections") != first.get("sections"):
            R.err(key, "sections must be the same as in %s" % SKILLS_ROUNDS[0])
    # activities: identical choices for SME post and mentor post, with the four seed activities
    acts = []
    for k in ("dv-sme-post", "dv-mentor-post"):
        d = get(k)
        if d:
            qn = next((q for q in q_in_order(d) if q["key"] == "activities"), None)
            if qn:
                vals = [c["value"] for c in qn.get("choices", [])]
                if vals != ACTIVITY_VALUES:
                    R.err(k, "activities choices must be %s, got %s" % (ACTIVITY_VALUES, vals))
                acts.append(qn.get("choices"))
    if len(acts) == 2 and acts[0] != acts[1]:
        R.err("digital-volunteers", "activities choices differ between SME post and mentor post")
    # company pre/post: baseline expectation items exist in both pre instruments with identical choices
    for role in ("sending", "hosting"):
        d = get("mobilisesme-%s-pre" % role)
        if d:
            qn = next((q for q in q_in_order(d) if q["key"] == "exchange_goals"), None)
            if qn and len(qn.get("choices", [])) < 4:
                R.err("mobilisesme-%s-pre" % role, "exchange_goals needs the standard goals")


def check_competences(path, instrument_doc):
    where = os.path.relpath(path, ROOT)
    try:
        with open(path, encoding="utf-8") as f:
            comp = json.load(f)
    except (OSError, ValueError) as e:
        R.err(where, "cannot load: %s" % e)
        return
    listed = []
    prefixes = {}
    for i, area in enumerate(comp.get("areas", [])):
        aw = "%s.areas[%d]" % (where, i)
        if not isinstance(area.get("key"), str) or not KEY_RE.match(area["key"]):
            R.err(aw, "bad area key")
        prefix = area.get("prefix")
        if not isinstance(prefix, str) or not KEY_RE.match(prefix):
            R.err(aw, "bad prefix")
        check_text(aw + ".label", area.get("label"))
        for j, c in enumerate(area.get("competences", [])):
            cw = "%s.competences[%d]" % (aw, j)
            check_text(cw + ".label", c.get("label"))
            ck = c.get("key", "")
            if not ck.startswith("%s_" % prefix):
                R.err(cw, "competence key %r does not start with prefix %r" % (ck, prefix))
            listed.append(ck)
            prefixes[ck] = area.get("key")
        n = len(area.get("competences", []))
        if not 4 <= n <= 5:
            R.warn(aw, "%d competences (brief asks 4-5)" % n)
    if len(set(listed)) != len(listed):
        R.err(where, "duplicate competence keys")
    if not instrument_doc:
        return
    used = set()
    sections = {s["key"]: s for s in instrument_doc.get("sections", [])}
    for qn in q_in_order(instrument_doc):
        m = re.match(r"^(.*)_(current|required)$", qn["key"])
        if m:
            used.add(m.group(1))
            if qn.get("type") != "scale" or qn.get("min") != 0 or qn.get("max") != 5 or "anchors" not in qn:
                R.err("skills-self-assessment", "%s must be a 0-5 scale with anchors" % qn["key"])
    if used != set(listed):
        R.err(where, "competences listed %s != competences used in the instrument %s"
              % (sorted(set(listed) - used), sorted(used - set(listed))))
    for ck in listed:
        keys = {q["key"] for q in q_in_order(instrument_doc)}
        for suffix in ("_current", "_required"):
            if ck + suffix not in keys:
                R.err("skills-self-assessment", "missing %s%s" % (ck, suffix))
        area = prefixes[ck]
        if area in sections and not any(q["key"].startswith(ck + "_") for q in sections[area]["questions"]):
            R.err("skills-self-assessment", "%s is not in section %s" % (ck, area))


def check_programme(path, template):
    where = os.path.relpath(path, ROOT)
    try:
        with open(path, encoding="utf-8") as f:
            p = json.load(f)
    except (OSError, ValueError) as e:
        R.err(where, "cannot load: %s" % e)
        return
    need = {"template", "kind", "name", "description", "default_language", "settings"}
    if set(p) != need:
        R.err(where, "fields must be exactly %s, got %s" % (sorted(need), sorted(p)))
    if p.get("template") != template:
        R.err(where, "template must be %r" % template)
    kind, settings = PROGRAMME_SETTINGS.get(template, (None, None))
    if kind and p.get("kind") != kind:
        R.err(where, "kind must be %r" % kind)
    if settings is not None and p.get("settings") != settings:
        R.err(where, "settings must be %r" % settings)
    if p.get("default_language") not in LANGS:
        R.err(where, "default_language must be one of %s" % LANGS)
    check_text(where + ".name", p.get("name"))
    check_text(where + ".description", p.get("description"))


# ----------------------------------------------------------------------------- main
def main():
    global ROOT
    ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
    docs = {}
    counts = []
    for template in sorted(EXPECTED):
        tdir = os.path.join(ROOT, template)
        if not os.path.isdir(tdir):
            R.err(template, "template directory missing")
            continue
        check_programme(os.path.join(tdir, "programme.json"), template)
        idir = os.path.join(tdir, "instruments")
        files = sorted(f for f in os.listdir(idir) if f.endswith(".json")) if os.path.isdir(idir) else []
        for fn in files:
            path = os.path.join(idir, fn)
            try:
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
            except (OSError, ValueError) as e:
                R.err(os.path.relpath(path, ROOT), "invalid JSON: %s" % e)
                continue
            if not isinstance(doc, dict):
                R.err(os.path.relpath(path, ROOT), "top level must be an object")
                continue
            qs = check_instrument(path, template, doc)
            if doc.get("key") in docs:
                R.err(os.path.relpath(path, ROOT), "instrument key %r used twice" % doc["key"])
            docs[doc.get("key")] = doc
            counts.append((os.path.relpath(path, ROOT), len(doc.get("sections", [])), len(qs)))
        for key in EXPECTED[template]:
            if key not in docs:
                R.err(template, "expected instrument %r is missing" % key)
        if template == "skills-monitor":
            check_competences(os.path.join(tdir, "competences.json"), docs.get(SKILLS_ROUNDS[0]))
    check_cross(docs)

    for path, ns, nq in counts:
        print("  %-62s %d sections, %3d questions" % (path, ns, nq))
    for w in R.warnings:
        print("WARNING " + w)
    for e in R.errors:
        print("ERROR   " + e)
    if R.errors:
        print("FAILED: %d error(s), %d warning(s)" % (len(R.errors), len(R.warnings)))
        return 1
    print("OK: %d instruments, %d warning(s)" % (len(counts), len(R.warnings)))
    return 0


ROOT = None

if __name__ == "__main__":
    sys.exit(main())
